import type { CodeTable } from './types.js';

/** The dev front door (`@mlship/deployer-apigateway`) and `mlship call`. */
export const APIGATEWAY_CODES = {
  APIGW_UPSTREAM_MISSING: {
    kind: 'user',
    exit: 2,
    meaning:
      'The API Gateway target needs the Lambda proxy’s live alias ARN, and no lambda outputs were handed to it.',
    fix: 'Install @mlship/deployer-lambda and deploy the whole chain with `mlship deploy --env <env>`.',
  },
  APIGW_UPSTREAM_INVALID: {
    kind: 'internal',
    exit: 1,
    meaning:
      'The lambda target handed the API Gateway target an aliasArn that is not a Lambda alias ARN (a bug).',
    fix: 'Report it with the outputs file; use matching versions of the mlship packages.',
  },
  APIGW_DOMAIN_TAKEN: {
    kind: 'user',
    exit: 2,
    meaning:
      'The Cognito hosted-domain prefix is already used by another user pool (prefixes are unique per region across all AWS accounts).',
    fix: 'Set api.apigateway.domainPrefix in release.yaml to another prefix (the error suggests one).',
  },
  APIGW_DOMAIN_PREFIX_INVALID: {
    kind: 'user',
    exit: 2,
    meaning:
      'The Cognito domain prefix breaks Cognito’s rules (lowercase letters, digits, hyphens; at most 63; no aws/amazon/cognito).',
    fix: 'Set api.apigateway.domainPrefix in release.yaml to a valid prefix.',
  },
  APIGW_DUPLICATES: {
    kind: 'notice',
    meaning:
      'More than one resource carries this app’s and environment’s mlship tags; mlship uses the oldest and leaves the others.',
    fix: 'Delete the extra resources by hand (the notice names them).',
  },
  APIGW_ACCESS_LOGS_OFF: {
    kind: 'notice',
    meaning:
      'The stage has no access logging because release.yaml sets no api.apigateway.accessLogs.destinationArn.',
    fix: 'Create a CloudWatch log group, set its ARN as api.apigateway.accessLogs.destinationArn, and deploy again.',
  },
  APIGW_NOT_DEPLOYED: {
    kind: 'notice',
    meaning:
      'status or destroy found no API Gateway or Cognito resources tagged for this app and environment.',
  },
  CALL_NO_OUTPUTS: {
    kind: 'user',
    exit: 2,
    meaning:
      'The environment has no API Gateway outputs yet (.mlship/<env>.outputs.json is missing or has no apigateway target).',
    fix: 'Deploy first: `mlship deploy --env <env>` (an environment with front: apigateway).',
  },
  CALL_BAD_INPUT: {
    kind: 'user',
    exit: 2,
    meaning:
      'The request body or path given to `mlship call` is not usable (invalid JSON, unreadable file, both --data and --file, a path not served).',
    fix: 'Pass one JSON body with --data or --file and a path such as /predict.',
  },
  CALL_TOKEN_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'The Cognito token endpoint refused the client-credentials request (invalid_client, invalid_scope, …) or could not be reached.',
    fix: 'Run `mlship deploy --env <env>` again so the app client, its scopes and the hosted domain match release.yaml.',
  },
  CALL_UNAUTHORIZED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The API answered 401: the Cognito authorizer did not accept the access token.',
    fix: 'Check that the token comes from this environment’s user pool; `mlship deploy` again if the pool or authorizer changed.',
  },
  CALL_FORBIDDEN: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'The API answered 403: the API key is missing, disabled or not in the stage’s usage plan, or the token lacks the scope.',
    fix: 'Run `mlship deploy --env <env>` to re-attach the key to the usage plan; check the scope in release.yaml.',
  },
  CALL_THROTTLED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The API answered 429: the usage plan’s throttle or quota for this API key is used up.',
    fix: 'Wait, or raise api.apigateway.throttle / quota in release.yaml and deploy.',
  },
  CALL_SERVER_ERROR: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'The API answered 5xx (the proxy, the model endpoint or the integration failed); the API’s JSON error is printed.',
    fix: 'See `mlship status --env <env>` and the Lambda proxy’s logs.',
  },
  CALL_REQUEST_FAILED: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'The API answered another 4xx (for example 400 for a body the model rejects); its JSON error is printed.',
    fix: 'Fix the request body (see the generated API.md of the model server).',
  },
  CALL_UNREACHABLE: {
    kind: 'deploy',
    exit: 1,
    meaning: 'The invoke URL could not be reached (DNS, network, TLS).',
    fix: 'Check the network; `mlship status --env <env>` shows whether the API and stage exist.',
  },
} as const satisfies CodeTable;
