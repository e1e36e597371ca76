import { type HttpReply, jsonReply } from '../server/router.js';
import type { DeploymentRecord } from './state.js';

/** A refusal by the gateway itself: its gateway-response type, status and message. */
export interface Failure {
  type: string;
  status: number;
  message: string;
}

/**
 * Renders a gateway response: the deployment's response for the type, else DEFAULT_4XX/DEFAULT_5XX, else API
 * Gateway's built-in `{"message": …}`. Templates see `$context.error.messageString` (a quoted JSON string),
 * `$context.error.message`, `$context.error.responseType` and `$context.requestId`.
 */
export function gatewayError(deployment: DeploymentRecord, failure: Failure, requestId: string): HttpReply {
  const responses = deployment.snapshot.gatewayResponses;
  const fallback = failure.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const response =
    responses.find((r) => r.responseType === failure.type) ??
    responses.find((r) => r.responseType === fallback);
  const status = Number(response?.statusCode ?? failure.status);
  const headers: Record<string, string> = {
    'x-amzn-ErrorType': errorType(failure),
  };
  for (const [key, value] of Object.entries(response?.responseParameters ?? {})) {
    headers[key.replace('gatewayresponse.header.', '')] = value.replace(/^'|'$/g, '');
  }
  const template = response?.responseTemplates?.['application/json'];
  if (!template)
    return {
      ...jsonReply(status, { message: failure.message }),
      headers: { ...headers, 'Content-Type': 'application/json' },
    };
  const body = template
    .replaceAll('$context.error.messageString', JSON.stringify(failure.message))
    .replaceAll('$context.error.message', failure.message)
    .replaceAll('$context.error.responseType', failure.type)
    .replaceAll('$context.requestId', requestId);
  return { status, headers: { ...headers, 'Content-Type': 'application/json' }, body };
}

function errorType(failure: Failure): string {
  if (failure.status === 401) return 'UnauthorizedException';
  if (failure.status === 429) return 'TooManyRequestsException';
  if (failure.status >= 500) return 'InternalServerErrorException';
  return 'ForbiddenException';
}
