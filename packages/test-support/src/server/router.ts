import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** One service behind one wire protocol (see protocols/). */
export interface Route {
  matches(req: IncomingMessage, body: Buffer): boolean;
  handle(req: IncomingMessage, body: Buffer): Promise<HttpReply>;
}

export interface LoopbackServer {
  endpoint: string;
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 (free port) that hands each request to the first matching route. */
export async function listen(routes: readonly Route[]): Promise<LoopbackServer> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const route = routes.find((r) => r.matches(req, body));
      const reply: Promise<HttpReply> = route
        ? route.handle(req, body)
        : Promise.resolve(jsonReply(404, { message: `No fake answers ${req.method} ${req.url}` }));
      reply
        .catch((error: unknown) => jsonReply(500, { __type: 'InternalFailure', message: String(error) }))
        .then((r) => {
          res.writeHead(r.status, { 'x-amzn-RequestId': randomUUID(), ...r.headers });
          res.end(r.body);
        });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export function jsonReply(status: number, body: unknown, contentType = 'application/json'): HttpReply {
  return { status, headers: { 'Content-Type': contentType }, body: JSON.stringify(body) };
}

/** The signing name in a SigV4 Authorization header (`Credential=AKID/date/region/SERVICE/aws4_request`). */
export function signingService(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization ?? '';
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1];
}

/** True when the request is unsigned or signed for this model's signing name (else its endpoint prefix). */
export function signedFor(
  req: IncomingMessage,
  model: { metadata: { signingName?: string; endpointPrefix: string } },
) {
  const signing = signingService(req);
  return signing === undefined || signing === (model.metadata.signingName ?? model.metadata.endpointPrefix);
}
