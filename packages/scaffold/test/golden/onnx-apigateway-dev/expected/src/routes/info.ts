import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.js';
import { HttpError } from '../errors.js';
import type { ServerMetrics } from '../metrics.js';
import type { ServerState } from '../state.js';

const info = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    framework: { type: 'string' },
    maxBatchSize: { type: 'integer' },
    signature: { type: 'object', additionalProperties: true },
  },
} as const;

export function registerInfoRoutes(
  app: FastifyInstance,
  state: ServerState,
  config: ServerConfig,
  metrics: ServerMetrics,
): void {
  app.get('/model/info', { schema: { response: { 200: info } } }, (_request, reply) => {
    const model = state.model;
    if (!model) throw notReady();
    return reply.send({
      name: config.name,
      version: config.version,
      framework: model.framework,
      maxBatchSize: config.maxBatchSize,
      signature: model.signature,
    });
  });

  app.get('/metrics', (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()),
  );
}

export function notReady(): HttpError {
  return new HttpError(503, 'MODEL_NOT_READY', 'the model is still loading; retry shortly', {
    'retry-after': '5',
  });
}
