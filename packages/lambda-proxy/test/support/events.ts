import type { ProxyEvent } from '../../src/index.js';

type Headers = Record<string, string>;
const json = { 'Content-Type': 'application/json' };

/** API Gateway REST API (v1) proxy event: `path` without the stage, headers as sent. */
export function v1Event(path: string, body: unknown, headers: Headers = {}, method = 'POST'): ProxyEvent {
  return {
    httpMethod: method,
    path,
    headers: { ...json, ...headers },
    multiValueHeaders: {},
    body: typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId: 'req-v1', stage: 'prod' },
  };
}

/** HTTP API (v2) event; a named stage is part of rawPath. */
export function v2Event(
  rawPath: string,
  body: unknown,
  stage = '$default',
  headers: Headers = {},
): ProxyEvent {
  return {
    version: '2.0',
    rawPath,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)).toString('base64'),
    isBase64Encoded: true,
    requestContext: { requestId: 'req-v2', stage, http: { method: 'POST', path: rawPath } },
  };
}

/** Lambda Function URL event: the v2 format, stage `$default`, domain `<id>.lambda-url.<region>.on.aws`. */
export function functionUrlEvent(rawPath: string, body: unknown, headers: Headers = {}): ProxyEvent {
  return {
    version: '2.0',
    rawPath,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-url',
      stage: '$default',
      domainName: 'abcdefghij.lambda-url.us-east-1.on.aws',
      http: { method: 'POST', path: rawPath },
    },
  };
}

export const parse = (body: string) => JSON.parse(body) as Record<string, unknown>;
