import type { CodeTable } from './types.js';

/** Codes of the Lambda proxy target (@mlship/deployer-lambda). */
export const LAMBDA_CODES = {
  LAMBDA_BUSY: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The proxy function is Pending or has an update in progress, and --no-wait was given.',
    fix: 'Run again without --no-wait to wait for it.',
  },
  LAMBDA_CREATE_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'Lambda created the function but it ended State: Failed (StateReason is printed).',
    fix: 'Fix the cause (role, VPC subnets and security groups, quota), then deploy again.',
  },
  LAMBDA_UPDATE_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'A code or configuration update ended LastUpdateStatus: Failed; the live alias still points at the previous version.',
    fix: 'Fix the reason printed (often VPC or role), then deploy again.',
  },
  LAMBDA_ROLE_NOT_ASSUMABLE: {
    kind: 'deploy',
    exit: 1,
    meaning: 'Lambda refused the execution role for about 90 s ("cannot be assumed by Lambda").',
    fix: 'The role must trust lambda.amazonaws.com with sts:AssumeRole; or remove proxy.roleArn to let mlship create one.',
  },
  LAMBDA_PUBLISH_MISMATCH: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'The published version does not carry the code mlship uploaded (another deploy changed the function meanwhile).',
    fix: 'Run the deploy again.',
  },
  LAMBDA_CACHE_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The ElastiCache Serverless cache ended create-failed (or vanished) instead of available.',
    fix: 'Check cache.vpc subnets and security groups; delete the failed cache and deploy again.',
  },
  LAMBDA_FUNCTION_NOT_OURS: {
    kind: 'user',
    exit: 2,
    meaning:
      'A function with the proxy name exists without the mlship:app/mlship:env tags of this app and environment.',
    fix: 'Delete or rename it, or tag it to adopt it.',
  },
  LAMBDA_ROLE_NOT_OURS: {
    kind: 'user',
    exit: 2,
    meaning: 'An IAM role with the proxy role name exists without this app and environment’s mlship tags.',
    fix: 'Delete or rename it, tag it to adopt it, or set proxy.roleArn.',
  },
  LAMBDA_CACHE_NOT_OURS: {
    kind: 'user',
    exit: 2,
    meaning:
      'An ElastiCache Serverless cache with the cache name exists without this app and environment’s mlship tags.',
    fix: 'Delete or rename it, tag it to adopt it, or set cache.redisUrl instead of provision.',
  },
  LAMBDA_UPSTREAM_MISSING: {
    kind: 'internal',
    exit: 1,
    meaning: 'The Lambda target ran without the SageMaker outputs it needs (endpoint name or ARN).',
    fix: 'Deploy the whole chain; report a bug if it persists.',
  },
  LAMBDA_ROLE_MISSING: {
    kind: 'internal',
    exit: 1,
    meaning: 'IAM answered CreateRole without a role ARN.',
    fix: 'Run the deploy again; report a bug if it persists.',
  },
  LAMBDA_UPDATE_IN_PROGRESS: {
    kind: 'notice',
    meaning:
      'Lambda refused a change while another update ran (ResourceConflictException); mlship waits and retries.',
  },
  LAMBDA_ROLE_PROPAGATING: {
    kind: 'notice',
    meaning:
      'Lambda cannot assume the freshly created role yet (IAM propagation); mlship retries for about 90 s.',
  },
} satisfies CodeTable;
