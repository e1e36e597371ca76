import type { ProxyConfig } from './config.js';
import { ProxyError } from './errors.js';
import type { ProxyRequest } from './event.js';
import type { Route } from './routes.js';

/** The parsed JSON body, or the same 4xx the inference server gives for it. */
export function parseBody(request: ProxyRequest, route: Route, config: ProxyConfig): Record<string, unknown> {
  if (request.body.length > config.maxBodyBytes) {
    throw new ProxyError(
      413,
      'PAYLOAD_TOO_LARGE',
      `request body is larger than ${config.maxBodyBytes} bytes (MAX_BODY_BYTES)`,
    );
  }
  const type = (request.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && !type?.endsWith('+json')) {
    throw new ProxyError(415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported Content-Type; send application/json');
  }
  const text = request.body.toString('utf8');
  if (text.trim() === '')
    throw new ProxyError(400, 'EMPTY_BODY', 'request body is empty; send a JSON object');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ProxyError(400, 'INVALID_JSON', `request body is not valid JSON: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProxyError(400, 'INVALID_INPUT', 'request body must be a JSON object');
  }
  const record = body as Record<string, unknown>;
  if (route === '/predict/batch' && (!Array.isArray(record.instances) || record.instances.length === 0)) {
    throw new ProxyError(400, 'VALIDATION_FAILED', 'body.instances must be a non-empty list of instances');
  }
  return record;
}
