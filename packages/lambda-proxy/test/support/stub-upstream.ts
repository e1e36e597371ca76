import { createServer } from 'node:http';

export interface StubAnswer {
  status: number;
  body: string;
  delayMs?: number;
}

/** An inference server stand-in whose answer a test chooses per request body. */
export async function startStubUpstream(answer: (body: string) => StubAnswer) {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const { status, body, delayMs } = answer(Buffer.concat(chunks).toString('utf8'));
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!response.destroyed) response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
