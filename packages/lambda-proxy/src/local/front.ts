import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { ProxyEvent, ProxyResult } from '../event.js';
import { closeServer, listen, readBody } from './http-util.js';

export interface LocalFrontOptions {
  /** The proxy's handler (createProxy(config).handler). */
  handler: (event: ProxyEvent) => Promise<ProxyResult>;
  port?: number;
  host?: string;
  /** When set, requests must carry it in `x-api-key`, as with an API Gateway usage plan. */
  apiKey?: string;
  /** The stage name put into the event's request context; default `local`. */
  stage?: string;
}

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** API Gateway's payload limit: larger requests never reach the function. */
const GATEWAY_LIMIT_BYTES = 10 * 1024 * 1024;

/** A local API Gateway (REST, proxy integration): real HTTP in, a v1 proxy event to the handler, its answer out. */
export async function startLocalFront(options: LocalFrontOptions): Promise<LocalServer> {
  const stage = options.stage ?? 'local';
  const server = createServer(async (request, response) => {
    const send = (status: number, headers: Record<string, string>, body: Buffer | string) => {
      response.writeHead(status, headers).end(body);
    };
    try {
      const body = await readBody(request, GATEWAY_LIMIT_BYTES);
      if (!body) return send(413, { 'content-type': 'application/json' }, '{"message":"Request Too Long"}');
      if (options.apiKey !== undefined && !sameText(header(request, 'x-api-key'), options.apiKey)) {
        return send(403, { 'content-type': 'application/json' }, '{"message":"Forbidden"}');
      }
      const result = await options.handler(toEvent(request, body, stage));
      send(
        result.statusCode,
        result.headers,
        Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
      );
    } catch {
      send(502, { 'content-type': 'application/json' }, '{"message":"Internal server error"}');
    }
  });
  const { url, port } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return { url, port, close: () => closeServer(server) };
}

function toEvent(
  request: IncomingMessage,
  body: Buffer,
  stage: string,
): ProxyEvent & Record<string, unknown> {
  const url = new URL(request.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] as string;
    const value = request.rawHeaders[i + 1] as string;
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  const text = /json|text|xml|x-www-form-urlencoded/i.test(
    header(request, 'content-type') ?? 'application/json',
  );
  return {
    resource: '/{proxy+}',
    path: url.pathname,
    httpMethod: request.method ?? 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : null,
    pathParameters: { proxy: url.pathname.slice(1) },
    stageVariables: null,
    requestContext: {
      requestId: randomUUID(),
      stage,
      httpMethod: request.method ?? 'GET',
      path: `/${stage}${url.pathname}`,
      resourcePath: '/{proxy+}',
      identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
    },
    body: body.length === 0 ? null : body.toString(text ? 'utf8' : 'base64'),
    isBase64Encoded: !text && body.length > 0,
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameText(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
