export { type AwsClientConstructor, awsClient } from './aws-clients.js';
export { type AwsClientConfig, awsClientConfig, regionOverrideNotice } from './aws-config.js';
export { CODES, type CodeInfo, type CodeKind, type CodeTable } from './codes/index.js';
export * from './config/index.js';
export { manualClock, systemClock } from './deploy/clock.js';
export { type Engine, type EngineOptions, prepareEngine } from './deploy/context.js';
export {
  type Change,
  type ChangeAction,
  type Clock,
  DEPLOYER_CONTRACT_VERSION,
  type DeployContext,
  type Deployer,
  type DeployPlan,
  type DestroyReport,
  type FieldDiff,
  hasChanges,
  type Outputs,
  type RollbackReport,
  type StatusReport,
} from './deploy/contract.js';
export { type DestroyOptions, destroy, type RollbackOptions, rollback, status } from './deploy/day2.js';
export {
  type DeployOptions,
  type DeployResult,
  deploy,
  type Preflight,
  type PreflightInput,
} from './deploy/deploy.js';
export {
  deployerInstalled,
  deployerMissing,
  importPackage,
  installCommand,
  type LoadedTarget,
  type ModuleImporter,
  missingDeployerWarnings,
} from './deploy/deployer-loader.js';
export { loadEnvironment } from './deploy/load-environment.js';
export { outputsPath, readOutputs } from './deploy/outputs-file.js';
export {
  type Permission,
  type PolicyDocument,
  type PolicyStatement,
  policyDocument,
  renderPolicy,
} from './deploy/permissions.js';
export { DEFAULT_BACKOFF_MS, formatElapsed, type PollOptions, pollUntil } from './deploy/poll.js';
export {
  type QuotaShortfall,
  quotaFix,
  quotaIncreaseCommand,
  quotaMessage,
  quotaShortfallError,
  quotaShortfallFromMessage,
} from './deploy/quota-message.js';
export { renderPlan, type TargetSummary } from './deploy/render-plan.js';
export { enabledTargets, TARGETS, type TargetEntry } from './deploy/targets.js';
export {
  deployError,
  type ErrorKind,
  isMlshipError,
  MlshipError,
  type MlshipErrorOptions,
  userError,
} from './errors.js';
export type { ConfirmOptions, IoHost, IoLevel, IoMessage, Progress } from './io/io-host.js';
export { type RecordedEvent, RecordingIoHost } from './io/recording-host.js';
export {
  defaultDomainPrefix,
  domainPrefixProblem,
  endpointConfigName,
  endpointName,
  MAX_RESOURCE_NAME_LENGTH,
  maxNameLength,
  modelName,
  SAGEMAKER_NAME_PATTERN,
  VERSION_HASH_LENGTH,
} from './naming.js';
export { type DeterministicZip, deterministicZip, type ZipEntry } from './zip.js';
