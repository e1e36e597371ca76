import type { CodeTable } from './types.js';

/** Codes of the monitoring target (@mlship/deployer-monitoring), data capture, `mlship logs` and `mlship loadtest`. */
export const MONITORING_CODES = {
  MONITORING_NOT_DEPLOYED: {
    kind: 'notice',
    meaning:
      'status or destroy found none of the alarms or the dashboard mlship creates for this environment.',
  },
  MONITORING_ALARM_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'CloudWatch refused an alarm or dashboard definition; the message quotes CloudWatch.',
    fix: 'Check the monitoring thresholds and snsTopicArn in release.yaml, then deploy again.',
  },
  CAPTURE_BUCKET_NOT_OURS: {
    kind: 'user',
    exit: 2,
    meaning:
      'The data-capture bucket name mlship derives exists but belongs to another account or lacks its mlship tags.',
    fix: 'Set sagemaker.dataCapture.destinationS3Uri to a bucket of yours, or delete the other bucket.',
  },
  CAPTURE_BUCKET_NOT_EMPTY: {
    kind: 'notice',
    meaning: 'destroy kept the data-capture bucket because it still holds captures.',
    fix: 'Run mlship destroy --force to delete the captures and the bucket.',
  },
  CAPTURE_BUCKET_UNRESOLVED: {
    kind: 'internal',
    exit: 1,
    meaning:
      'Data capture has no destination and the SageMaker target did not read the bucket mlship manages (a bug).',
    fix: 'Report it; meanwhile set sagemaker.dataCapture.destinationS3Uri.',
  },
  LOGS_GROUP_MISSING: {
    kind: 'notice',
    meaning:
      'A log group mlship would read does not exist yet (nothing was logged, or the target is not deployed).',
  },
  LOGS_NOTHING_DEPLOYED: {
    kind: 'user',
    exit: 2,
    meaning:
      'mlship logs found no outputs for the environment, so it does not know which log groups to read.',
    fix: 'Deploy the environment first (mlship deploy --env <env>).',
  },
  LOGS_BAD_SINCE: {
    kind: 'user',
    exit: 2,
    meaning: '--since is not a duration such as 30s, 10m, 2h or 1d, nor an ISO 8601 time.',
    fix: 'Pass --since 10m (or an ISO time such as 2026-01-01T10:00:00Z).',
  },
  LOADTEST_BAD_OPTION: {
    kind: 'user',
    exit: 2,
    meaning:
      'A loadtest option is out of range or missing (duration, connections, rate, requests, body file).',
    fix: 'See mlship loadtest --help for the limits.',
  },
  LOADTEST_URL_REFUSED: {
    kind: 'user',
    exit: 2,
    meaning: 'The target URL is neither the deployed one nor on loopback, and it was not given with --url.',
    fix: 'Pass the URL explicitly with --url to load-test a host mlship did not deploy.',
  },
  LOADTEST_AUTH_UNSUPPORTED: {
    kind: 'user',
    exit: 2,
    meaning:
      "loadtest --env targets an Apigee front door, whose token comes from the organisation's auth service, not from mlship.",
    fix: "Pass the proxy URL with --url and the token with --header 'Authorization: Bearer <token>'.",
  },
} satisfies CodeTable;
