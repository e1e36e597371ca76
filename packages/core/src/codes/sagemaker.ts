import type { CodeTable } from './types.js';

/** The SageMaker target (@mlship/deployer-sagemaker): image, model, endpoint config, endpoint, autoscaling. */
export const SAGEMAKER_CODES = {
  IMAGE_TAG_MISSING: {
    kind: 'user',
    exit: 2,
    meaning:
      'no image tag: --image-tag and image.tag are unset, CIRCLE_SHA1 is empty and this is not a git checkout',
    fix: 'pass --image-tag <tag> with the tag you pushed to ECR',
  },
  IMAGE_TAG_INVALID: {
    kind: 'user',
    exit: 2,
    meaning: 'the image tag is not a valid Docker tag',
    fix: 'use up to 128 letters, digits, _ . - (not starting with . or -)',
  },
  IMAGE_NOT_FOUND: {
    kind: 'user',
    exit: 2,
    meaning: 'the image repo:tag is not in ECR; nothing was changed',
    fix: 'build and push it (the message prints the docker push command), or pass the tag you pushed',
  },
  ROLE_ARN_INVALID: {
    kind: 'user',
    exit: 2,
    meaning: 'the AWS account id cannot be read from sagemaker.executionRoleArn',
    fix: 'set sagemaker.executionRoleArn to arn:aws:iam::<12-digit account>:role/<name>',
  },
  DEPLOYMENT_INVALID: {
    kind: 'user',
    exit: 2,
    meaning: 'a canary or linear step is outside what SageMaker accepts (percent of the fleet)',
    fix: 'set the step within the range the message names',
  },
  ENDPOINT_NOT_OURS: {
    kind: 'user',
    exit: 2,
    meaning:
      'an endpoint with mlship’s name exists but is not tagged mlship:app/mlship:env for this app and environment',
    fix: 'delete it, rename the app in release.yaml, or adopt it by adding the two tags (the hint prints the command)',
  },
  ENDPOINT_BUSY: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'the endpoint is Creating/Updating/RollingBack/Deleting; with --no-wait an error, otherwise a notice that mlship waits',
    fix: 'run again without --no-wait to wait, or check it with mlship status',
  },
  ENDPOINT_RECREATE: {
    kind: 'notice',
    meaning: 'the endpoint was left Failed by an earlier create; it is deleted and created again',
  },
  ENDPOINT_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'SageMaker failed to create the endpoint; the message carries its FailureReason',
    fix: 'fix the cause (image, role, instance quota); the next deploy deletes the failed endpoint and creates it again',
  },
  UPDATE_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'the blue/green update did not complete; the previous endpoint config still serves (or the message says what state it is in)',
    fix: 'check the endpoint logs (/aws/sagemaker/Endpoints/<endpoint>) and mlship status; mlship rollback returns to the previous config',
  },
  DEPLOY_ROLLED_BACK: {
    kind: 'deploy',
    exit: 1,
    meaning: 'SageMaker rolled the update back (a rollback alarm fired); the previous config serves',
    fix: 'check the CloudWatch alarms and the endpoint logs, then deploy again',
  },
  ROLLBACK: {
    kind: 'notice',
    meaning: 'rollback is moving the endpoint from one endpoint config to another',
  },
  NO_PREVIOUS_VERSION: {
    kind: 'user',
    exit: 2,
    meaning: 'the endpoint has no earlier endpoint config to roll back to',
    fix: 'deploy at least twice first; mlship keeps the last sagemaker.keepVersions configs',
  },
  ALREADY_CURRENT: {
    kind: 'user',
    exit: 2,
    meaning: 'rollback --to names the endpoint config that already serves',
    fix: 'pick another config (mlship status lists the kept versions)',
  },
  UNKNOWN_VERSION: {
    kind: 'user',
    exit: 2,
    meaning: 'rollback --to names an endpoint config that does not exist for this app and environment',
    fix: 'use one of the configs the hint lists (mlship status shows them)',
  },
  ENDPOINT_NOT_FOUND: {
    kind: 'user',
    exit: 2,
    meaning: 'the endpoint does not exist, so there is nothing to roll back',
    fix: 'run mlship deploy first',
  },
  ENDPOINT_NOT_READY: {
    kind: 'deploy',
    exit: 1,
    meaning: 'the endpoint is not InService, so it cannot be rolled back now',
    fix: 'wait until mlship status shows InService, or deploy to repair a Failed endpoint',
  },
  ROLLBACK_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'the rollback update did not complete; the message says which config serves',
    fix: 'check the endpoint with mlship status and its logs, then roll back or deploy again',
  },
} satisfies CodeTable;
