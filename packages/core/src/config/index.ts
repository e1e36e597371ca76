export { missingDeployerWarnings } from '../deploy/deployer-loader.js';
export { environmentOverlaySchema, type ReleaseDocument, releaseDocumentSchema } from './document-schema.js';
export { ENDPOINT_ALARM_METRICS, guardAlarms } from './guard-alarms.js';
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
export {
  assertNoPlaceholders,
  PLACEHOLDER_APIGEE_ORG,
  PLACEHOLDER_CODE,
  PLACEHOLDER_ISSUER,
  PLACEHOLDER_JWKS_URI,
  placeholderRoleArnIn,
} from './placeholders.js';
export { formatProblem, type Problem, type Severity } from './problems.js';
export { AWS_REGIONS } from './regions.js';
export { costSummary, renderResolvedText, resolvedJson } from './render.js';
export { proxyTimeoutSeconds } from './rules-proxy.js';
export * from './schema.js';
