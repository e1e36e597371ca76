import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.js';
import { HttpError } from '../errors.js';
import type { Limiter } from '../limiter.js';
import type { ServerMetrics } from '../metrics.js';
import type { PredictBody } from '../model/types.js';
import type { ServerState } from '../state.js';
import { notReady } from './info.js';

interface PredictDeps {
  state: ServerState;
  config: ServerConfig;
  limiter: Limiter;
  metrics: ServerMetrics;
  instanceSchema: object;
}

/**
 * POST /invocations (SageMaker) and /predict: `{ "instances": [...] }` -> `{ "predictions": [...] }`,
 * or for ONNX `{ "inputs": { name: tensor } }` -> `{ "outputs": { name: tensor } }`.
 * POST /predict/batch: `{ "instances": [...] }` with at most MAX_BATCH_SIZE instances.
 */
export function registerPredictRoutes(app: FastifyInstance, deps: PredictDeps): void {
  const { config, instanceSchema } = deps;
  const instances = { type: 'array', minItems: 1, items: instanceSchema };
  const predictBody = {
    type: 'object',
    properties: { instances, inputs: { type: 'object', minProperties: 1 } },
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
  };
  const batchBody = {
    type: 'object',
    properties: { instances: { ...instances, maxItems: config.maxBatchSize } },
    required: ['instances'],
    additionalProperties: false,
  };
  const handler = createHandler(deps);
  app.post('/invocations', { schema: { body: predictBody } }, handler);
  app.post('/predict', { schema: { body: predictBody } }, handler);
  app.post('/predict/batch', { schema: { body: batchBody } }, handler);
}

function createHandler({ state, config, limiter, metrics }: PredictDeps) {
  const timeoutMs = config.requestTimeoutMs;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const model = state.model;
    if (!model) throw notReady();
    const job = model.prepare(request.body as PredictBody);
    const json = await withTimeout(
      limiter.run(async () => {
        const started = performance.now();
        const result = await job.run();
        metrics.observeInference((performance.now() - started) / 1000, job.rows);
        return result;
      }),
      timeoutMs,
    );
    return reply.type('application/json; charset=utf-8').send(json);
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new HttpError(504, 'PREDICTION_TIMEOUT', `the prediction took longer than ${ms} ms`)),
      ms,
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
