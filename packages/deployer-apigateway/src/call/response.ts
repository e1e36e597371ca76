import { MlshipError } from '@mlship/core';

export interface CallResponse {
  url: string;
  status: number;
  xCache: string | null;
  latencyMs: number;
  body: unknown;
}

/** A non-2xx answer as the coded error a user meets: 401 token, 403 key or scope, 429 usage plan, 5xx, other 4xx. */
export function responseError(response: CallResponse, env: string): MlshipError {
  const shown = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  const details = { status: response.status, body: response.body, xCache: response.xCache };
  const message = (what: string) => `${response.url} answered ${response.status} (${what}): ${shown}`;
  const options = (hint: string) => ({ kind: 'deploy' as const, hint, details });
  if (response.status === 401) {
    return new MlshipError(
      'CALL_UNAUTHORIZED',
      message('the Cognito authorizer refused the token'),
      options(`Check the user pool and authorizer of ${env}; mlship deploy --env ${env} repairs them.`),
    );
  }
  if (response.status === 403) {
    return new MlshipError(
      'CALL_FORBIDDEN',
      message('API key missing, disabled or not in the usage plan, or a path the API does not serve'),
      options(`mlship deploy --env ${env} re-attaches the key to the usage plan.`),
    );
  }
  if (response.status === 429) {
    return new MlshipError(
      'CALL_THROTTLED',
      message('the usage plan throttle or quota for this key is used up'),
      options('Wait, or raise api.apigateway.throttle / quota in release.yaml and deploy.'),
    );
  }
  if (response.status >= 500) {
    return new MlshipError(
      'CALL_SERVER_ERROR',
      message('the proxy, the model endpoint or the integration failed'),
      options(`See mlship status --env ${env} and the proxy's logs.`),
    );
  }
  return new MlshipError(
    'CALL_REQUEST_FAILED',
    message('the request was refused'),
    options('Check the request body against the model server API.'),
  );
}

export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
