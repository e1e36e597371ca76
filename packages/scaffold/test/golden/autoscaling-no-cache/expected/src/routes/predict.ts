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

const JSON_TYPE = 'application/json; charset=utf-8';

function createHandler({ state, config, limiter, metrics }: PredictDeps) {
  const timeoutMs = config.requestTimeoutMs;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const model = state.model;
    if (!model) throw notReady();
    const job = model.prepare(request.body as PredictBody); // bad input fails here, before taking a slot
    const waiting = limiter.acquire(); // throws 503 OVERLOADED when the queue is full
    const timer = setTimeout(timeOut, timeoutMs, reply, timeoutMs);
    try {
      if (waiting) await waiting;
      if (reply.sent) return reply; // timed out while queued
      const started = performance.now();
      const json = await job.run();
      metrics.observeInference((performance.now() - started) / 1000, job.rows);
      return reply.sent ? reply : reply.type(JSON_TYPE).send(json);
    } catch (error) {
      if (!reply.sent) throw error;
      request.log.warn({ err: error }, 'prediction failed after its timeout answered');
      return reply;
    } finally {
      clearTimeout(timer);
      limiter.release();
    }
  };
}

function timeOut(reply: FastifyReply, ms: number): void {
  if (!reply.sent)
    reply.send(new HttpError(504, 'PREDICTION_TIMEOUT', `the prediction took longer than ${ms} ms`));
}
