// The ceiling for the inference server benchmark: node:http with nothing in between, reading each request body
// and answering a fixed body serialised once at start-up (a prediction of the same shape as the iris model's).
import { createServer } from 'node:http';

const row = [0.9731829166412354, 0.026816146820783614, 9.378744863836619e-7];
const bodies = {
  '/invocations': Buffer.from(JSON.stringify({ predictions: [row] })),
  '/predict/batch': Buffer.from(JSON.stringify({ predictions: Array.from({ length: 64 }, () => row) })),
};
const server = createServer((request, response) => {
  const body = bodies[request.url] ?? (request.url === '/ping' ? Buffer.from('{"status":"ok"}') : undefined);
  request.resume();
  request.on('end', () => {
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready for traffic'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
