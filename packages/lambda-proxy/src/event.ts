/** The parts of API Gateway REST (v1), HTTP API (v2) and Function URL (v2 format) events the proxy reads. */
export interface ProxyEvent {
  version?: string;
  httpMethod?: string;
  path?: string;
  rawPath?: string;
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: {
    requestId?: string;
    stage?: string;
    http?: { method?: string; path?: string };
    [field: string]: unknown;
  };
}

export interface ProxyResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

export interface ProxyRequest {
  method: string;
  path: string;
  stage: string | undefined;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Buffer;
  requestId: string | undefined;
}

/** One request shape for all three event formats (v2 and Function URLs share theirs). */
export function readEvent(event: ProxyEvent): ProxyRequest {
  const v2 = event.version === '2.0';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (values?.length && headers[name.toLowerCase()] === undefined)
      headers[name.toLowerCase()] = values.join(',');
  }
  const raw = event.body ?? '';
  return {
    method: ((v2 ? event.requestContext?.http?.method : event.httpMethod) ?? 'GET').toUpperCase(),
    path: (v2 ? event.rawPath : event.path) ?? '/',
    stage: event.requestContext?.stage,
    headers,
    body: Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'utf8'),
    requestId: event.requestContext?.requestId,
  };
}
