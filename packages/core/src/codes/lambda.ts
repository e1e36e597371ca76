import type { CodeTable } from './types.js';

/** The Lambda proxy target (@mlship/deployer-lambda): role, cache, log group, function, versions, alias, URL. */
export const LAMBDA_CODES = {
  LAMBDA_BUSY: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'the proxy function is Pending or has an update in progress, and --no-wait was given; nothing was changed',
    fix: 'run again without --no-wait to wait for it',
  },
  LAMBDA_CREATE_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'Lambda created the function but it ended State: Failed (the message prints the StateReason)',
    fix: 'fix the cause (role, VPC subnets and security groups, quota); the next deploy deletes the failed function and creates it again',
  },
  LAMBDA_UPDATE_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'a code or configuration update ended LastUpdateStatus: Failed; the live alias still points at the previous version',
    fix: 'fix the reason printed (often the VPC or the role); the next deploy applies the configuration again',
  },
  LAMBDA_ROLE_NOT_ASSUMABLE: {
    kind: 'deploy',
    exit: 1,
    meaning: 'Lambda refused the execution role for about 90 s ("cannot be assumed by Lambda")',
    fix: 'the role must trust lambda.amazonaws.com with sts:AssumeRole; or remove proxy.roleArn to let mlship create one',
  },
  LAMBDA_PUBLISH_MISMATCH: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'the published version does not carry the code mlship uploaded (another deploy changed the function meanwhile); live is unchanged',
    fix: 'run the deploy again',
  },
  LAMBDA_CACHE_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'the ElastiCache Serverless cache is create-failed (or vanished) instead of available',
    fix: 'check the cache.vpc subnets and security groups, delete the failed cache, and deploy again',
  },
  LAMBDA_ROLLBACK_NONE: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'rollback found no kept proxy version to go to (none for the model SageMaker now serves, or no live alias)',
    fix: 'run mlship deploy to publish a version for the serving model, or raise proxy.keepVersions',
  },
  LAMBDA_FUNCTION_NOT_OURS: {
    kind: 'user',
    exit: 2,
    meaning:
      "a function with the proxy's name exists without this app's and environment's mlship:app/mlship:env tags",
    fix: 'delete or rename it, or add the two tags to adopt it',
  },
  LAMBDA_ROLE_NOT_OURS: {
    kind: 'user',
    exit: 2,
    meaning: "an IAM role with the proxy role's name exists without this app's and environment's mlship tags",
    fix: 'delete or rename it, add the two tags to adopt it, or set proxy.roleArn',
  },
  LAMBDA_CACHE_NOT_OURS: {
    kind: 'user',
    exit: 2,
    meaning:
      "an ElastiCache Serverless cache with the cache's name exists without this app's and environment's mlship tags",
    fix: 'delete or rename it, add the two tags to adopt it, or use cache.redisUrl instead of provision',
  },
  LAMBDA_UPSTREAM_MISSING: {
    kind: 'internal',
    exit: 1,
    meaning: 'the Lambda target ran without the SageMaker outputs it needs (endpoint name or ARN)',
    fix: 'deploy the whole chain; report a bug if it persists',
  },
  LAMBDA_ROLE_MISSING: {
    kind: 'internal',
    exit: 1,
    meaning: 'IAM answered CreateRole without a role ARN',
    fix: 'run the deploy again; report a bug if it persists',
  },
  LAMBDA_UPDATE_IN_PROGRESS: {
    kind: 'notice',
    meaning:
      'Lambda refused a change while another update ran (ResourceConflictException); mlship waits and retries',
  },
  LAMBDA_ROLE_PROPAGATING: {
    kind: 'notice',
    meaning:
      'Lambda cannot assume the freshly created role yet (IAM propagation); mlship retries for about 90 s',
  },
} satisfies CodeTable;
