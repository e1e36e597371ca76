import type { ProxyResult } from './event.js';

/** An answer for the client, in the inference server's error shape. */
export class ProxyError extends Error {
  override name = 'ProxyError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** `{ statusCode, code, message, requestId }` like the inference server, plus the model's status on a 424. */
export function errorResult(error: ProxyError, requestId: string): ProxyResult {
  const body = {
    statusCode: error.statusCode,
    code: error.code,
    message: error.message,
    requestId,
    ...error.extra,
  };
  return {
    statusCode: error.statusCode,
    headers: { 'content-type': 'application/json', ...error.headers },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}
