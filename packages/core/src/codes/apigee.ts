import type { CodeTable } from './types.js';

export const APIGEE_CODES = {
  APIGEE_CONFIG_MISSING: {
    kind: 'user',
    exit: 2,
    meaning: 'The environment uses front: apigee but release.yaml has no api.apigee section.',
    fix: 'Add api.apigee with organization, environment and auth.',
  },
  APIGEE_CREDENTIALS_MISSING: {
    kind: 'user',
    exit: 2,
    meaning: 'No Google Application Default Credentials were found for the Apigee management API.',
    fix: 'Run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS; --dry-run works without.',
  },
  APIGEE_CREDENTIALS_INVALID: {
    kind: 'user',
    exit: 2,
    meaning: 'The Google credentials file could not be loaded.',
    fix: 'Check the file GOOGLE_APPLICATION_CREDENTIALS names.',
  },
  APIGEE_VALIDATION_SKIPPED: {
    kind: 'notice',
    meaning:
      'deploy --dry-run without Google credentials: the bundle was written but not validated by Apigee.',
    fix: 'Provide credentials to have Apigee validate the bundle (action=validate).',
  },
  APIGEE_BUNDLE_WRITTEN: {
    kind: 'notice',
    meaning: 'The API proxy bundle was written to .mlship/<env>/apigee-bundle.zip for inspection.',
  },
  APIGEE_BUNDLE_NOT_WRITTEN: {
    kind: 'user',
    exit: 2,
    meaning: 'The API proxy bundle could not be written to .mlship/<env>/.',
    fix: 'Make the .mlship directory beside release.yaml writable.',
  },
  APIGEE_BUNDLE_INVALID: {
    kind: 'deploy',
    exit: 1,
    meaning: 'Apigee rejected the generated bundle (action=validate); nothing was changed.',
    fix: 'Inspect .mlship/<env>/apigee-bundle.zip and report the message.',
  },
  APIGEE_UNAUTHENTICATED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The management API rejected the Google credentials (401).',
    fix: 'Refresh the credentials (gcloud auth application-default login) or fix GOOGLE_APPLICATION_CREDENTIALS.',
  },
  APIGEE_PERMISSION_DENIED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The deploying identity lacks an Apigee permission, or the organization does not exist (403).',
    fix: 'Grant roles/apigee.apiAdminV2 and roles/apigee.environmentAdmin (docs/targets/apigee.md).',
  },
  APIGEE_CONFLICT: {
    kind: 'deploy',
    exit: 1,
    meaning: 'An Apigee resource already exists or changed concurrently (409).',
    fix: 'Re-run the deploy; rename it in release.yaml if the resource belongs to someone else.',
  },
  APIGEE_API_ERROR: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The Apigee management API refused a call; the message quotes Apigee.',
    fix: 'Follow the quoted message; `mlship status` shows what is deployed.',
  },
  APIGEE_UNREACHABLE: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The Apigee management API could not be reached.',
    fix: 'Check the network; unset APIGEE_API_URL to use https://apigee.googleapis.com.',
  },
  APIGEE_DEPLOY_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'A proxy revision deployment ended in state ERROR; the message quotes Apigee’s errors.',
    fix: 'Fix the cause and deploy again; the previous revision keeps serving.',
  },
  APIGEE_UPSTREAM_MISSING: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The lambda target did not hand over its Function URL or origin secret.',
    fix: 'Deploy the whole environment so the lambda target runs first.',
  },
  APIGEE_PLAN_STALE: {
    kind: 'deploy',
    exit: 1,
    meaning: 'release.yaml changed between plan and apply.',
    fix: 'Run the deploy again.',
  },
  APIGEE_ROLLBACK_NO_REVISION: {
    kind: 'user',
    exit: 2,
    meaning:
      'There is no earlier (or no such) proxy revision to roll back to, or --to names something else (a SageMaker endpoint config); in `mlship rollback` of the whole chain the proxy is then reported unchanged.',
    fix: 'Pass --to <revision>; `mlship status` lists the kept revisions.',
  },
} satisfies CodeTable;
