/**
 * The light part of @mlship/core (`@mlship/core/base`): errors, constants, instance types, regions, targets and
 * the placeholders init writes. Nothing here loads zod, yaml or fflate, so `mlship init` starts fast.
 */
export { CODES, type CodeInfo, type CodeKind, type CodeTable } from './codes/index.js';
export * from './config/constants.js';
export {
  HOURS_PER_MONTH,
  INSTANCE_TYPES,
  type InstanceType,
  instancePrice,
  instanceTypeInfo,
  monthlyEstimate,
  PRICE_REGIONS,
} from './config/instance-types.js';
export {
  PLACEHOLDER_APIGEE_ORG,
  PLACEHOLDER_ISSUER,
  PLACEHOLDER_JWKS_URI,
  placeholderRoleArnIn,
} from './config/placeholders.js';
export { AWS_REGIONS, partitionOf } from './config/regions.js';
export { closest, didYouMean } from './config/suggest.js';
export { formatElapsed } from './deploy/poll.js';
export { TARGETS, type TargetEntry } from './deploy/targets.js';
export {
  type ErrorKind,
  isMlshipError,
  MlshipError,
  type MlshipErrorOptions,
  userError,
  withHint,
} from './errors.js';
