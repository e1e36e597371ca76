import type { CodeTable } from './types.js';

/** The deploy engine: loading targets, outputs, confirmations, AWS errors, waits; shared naming rules. */
export const CORE_CODES = {
  UNKNOWN_ENV: {
    kind: 'user',
    exit: 2,
    meaning: 'the environment given with --env is not under `environments:` in release.yaml',
    fix: 'add it under `environments:`, or pass one that exists (mlship validate lists them)',
  },
  DEPLOYER_MISSING: {
    kind: 'user',
    exit: 2,
    meaning:
      'the environment needs a deployer package (e.g. @mlship/deployer-apigateway for front: apigateway) that neither the project nor mlship can load; nothing was read or changed',
    fix: 'install the named packages in the project (npm install --save-dev … or pnpm add -D …); mlship validate warns about them too',
  },
  DEPLOYER_INCOMPATIBLE: {
    kind: 'internal',
    exit: 1,
    meaning: 'a deployer package does not export a `deployer` for the contract version this mlship speaks',
    fix: 'install matching versions of mlship and the @mlship/deployer-* packages',
  },
  CONFIRMATION_REQUIRED: {
    kind: 'user',
    exit: 2,
    meaning: 'destroy was run without a terminal to ask in (CI, a script) and without --yes',
    fix: 'pass --yes to destroy from a script or CI',
  },
  ABORTED: {
    kind: 'user',
    exit: 2,
    meaning: 'the person answered no (or pressed Ctrl-C) at the confirmation; nothing was changed',
    fix: 'run the command again and answer yes, or pass --yes',
  },
  ROLLBACK_UNSUPPORTED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'no target of this environment can roll back',
    fix: 'deploy the earlier version instead (mlship deploy --image-tag <tag>)',
  },
  OUTPUTS_NOT_WRITTEN: {
    kind: 'deploy',
    exit: 1,
    meaning: 'the changes were applied, but .mlship/<env>.outputs.json could not be written',
    fix: 'make the .mlship directory next to release.yaml writable; mlship status shows what is deployed',
  },
  OUTPUTS_UNREADABLE: {
    kind: 'notice',
    meaning:
      '.mlship/<env>.outputs.json is not valid JSON or has no `targets`; it is ignored and rewritten by the next deploy',
    fix: 'delete the file or restore it from version control; mlship deploy writes it again',
  },
  AWS_CREDENTIALS: {
    kind: 'user',
    exit: 2,
    meaning: 'AWS credentials are missing, expired or invalid, or no region is set',
    fix: 'configure credentials the standard way (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO, an instance or OIDC role) and set `region:` or AWS_REGION',
  },
  AWS_UNREACHABLE: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'an AWS service could not be reached (connection refused, unknown host, DNS failure, timeout); the message names the URL tried',
    fix: 'when AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_<SERVICE> is set, start the service at that address or unset the variable; otherwise check the network, proxy and region',
  },
  'AWS_*': {
    kind: 'deploy',
    exit: 1,
    meaning:
      'AWS refused a request; the code carries AWS’s error name (AWS_AccessDeniedException, AWS_ThrottlingException, AWS_ResourceLimitExceeded, …)',
    fix: 'read the message; AccessDenied: grant the permission listed in docs/targets/<target>.md; a server error: run the command again',
  },
  WAIT_TIMEOUT: {
    kind: 'deploy',
    exit: 1,
    meaning: 'a resource did not reach a final state within the wait limit; the operation continues in AWS',
    fix: 'check it with mlship status; raise --timeout or sagemaker.waitTimeoutMinutes',
  },
  REGION_OVERRIDE: {
    kind: 'notice',
    meaning: 'AWS_REGION differs from release.yaml’s region, which wins',
    fix: 'unset AWS_REGION or make it match, to silence the warning',
  },
  PLAN: {
    kind: 'notice',
    meaning: 'the plan of a deploy: every change per target (its data holds the changes and counts)',
  },
  NAME_INVALID: {
    kind: 'user',
    exit: 2,
    meaning:
      'a SageMaker resource name built from `name` and the environment is too long or has invalid characters',
    fix: 'shorten `name` in release.yaml; mlship validate shows the limit per environment',
  },
  NAME_HASH_INVALID: {
    kind: 'internal',
    exit: 1,
    meaning: 'a version hash is not 8 lowercase letters or digits (a bug in mlship)',
    fix: 'report it with the output of --debug',
  },
  SERVER_CONTEXT_INVALID: {
    kind: 'user',
    exit: 2,
    meaning:
      'the inference server cannot be rendered from the given settings (e.g. a body limit above SageMaker’s)',
    fix: 'use values within the limits the message names',
  },
} satisfies CodeTable;
