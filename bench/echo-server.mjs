// The upper bound for the inference server benchmark: bare Fastify 5 (same version as the example), no
// hooks, no validation, answering every POST with the body it received.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(import.meta.dirname, '..', 'examples', 'iris-onnx', 'package.json'));
const { default: Fastify } = await import(require.resolve('fastify'));

const app = Fastify({ logger: false });
const echo = async (request) => request.body;
app.post('/invocations', echo);
app.post('/predict/batch', echo);
app.get('/ping', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log('ready for traffic');
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
