export {
  apigeeEnvironmentOf,
  defaultFront,
  ENVIRONMENTS,
  type EnvironmentName,
  type FrontDoorChoice,
  frontOf,
  type InitAnswers,
  initAnswersSchema,
  MODEL_NAME_MAX_LENGTH,
  modelNameSchema,
  PLACEHOLDER_ROLE_ARN,
} from './answers.js';
export { checkAnswer } from './answers-check.js';
export { equivalentCommand } from './answers-command.js';
export { DEFAULT_ENVIRONMENTS, type DefaultsContext, defaultFor, isRelevant } from './answers-defaults.js';
export {
  ANSWER_FLAGS,
  type AnswerPath,
  getPath,
  mergeAnswers,
  type PartialAnswers,
  setPath,
} from './answers-fields.js';
export { answersFromFlags, type InitFlags, parseTags } from './answers-flags.js';
export {
  ANSWER_ORDER,
  completeAnswers,
  isMissing,
  type ResolvedAnswers,
  type ResolveOptions,
  readAnswersFile,
  resolveAnswers,
} from './answers-resolve.js';
export { type ProjectContext, projectContext } from './context.js';
export {
  featureBranch,
  type GitOptions,
  type GitPlan,
  type GitResult,
  gitBranch,
  isInsideWorkTree,
  planGit,
} from './git.js';
export { registerFormatHelpers, shellWord, yamlScalar } from './helpers.js';
export { type InitOptions, type InitResult, init } from './init.js';
export { mlshipDevDependencies, type PlanOptions, planInit, renderProject } from './project.js';
export { createRenderer, type RenderedFile, renderString, renderTemplateDir } from './render.js';
export {
  defaultServerContext,
  renderServer,
  SAGEMAKER_MAX_BODY_BYTES,
  type ServerTemplateContext,
} from './server-context.js';
export { type MlshipSource, type PackedPackage, VENDOR_DIR, vendorMlship } from './vendor.js';
export { checkoutSource, detectMlshipSource, installedSource } from './vendor-sources.js';
export { type WriteOptions, type WriteResult, writeInit } from './write.js';
