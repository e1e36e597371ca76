export { environmentOverlaySchema, type ReleaseDocument, releaseDocumentSchema } from './document-schema.js';
export {
  HOURS_PER_MONTH,
  INSTANCE_TYPES,
  type InstanceType,
  instancePrice,
  instanceTypeInfo,
  monthlyEstimate,
  PRICE_REGIONS,
} from './instance-types.js';
export { releaseJsonSchema, resolvedEnvironmentJsonSchema } from './json-schema.js';
export { type LoadedRelease, type LoadOptions, loadRelease, parseRelease } from './load.js';
export { formatProblem, type Problem, type Severity } from './problems.js';
export { AWS_REGIONS } from './regions.js';
export { costSummary, renderResolvedText, resolvedJson } from './render.js';
export { proxyTimeoutSeconds } from './rules-proxy.js';
export * from './schema.js';
