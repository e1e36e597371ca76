import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config.js';
import { registerCsvParser } from './csv.js';
import { registerErrorHandling } from './errors.js';
import { Limiter } from './limiter.js';
import { createMetrics, type ServerMetrics } from './metrics.js';
import { RequestObserver } from './request-observer.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerInfoRoutes } from './routes/info.js';
import { registerPredictRoutes } from './routes/predict.js';
import { ServerState } from './state.js';

export interface BuildOptions {
  config: ServerConfig;
  /** JSON schema of one instance in `instances` (the custom framework's `instanceSchema`); any value when absent. */
  instanceSchema?: object;
  logger?: FastifyServerOptions['logger'];
  state?: ServerState;
}

export interface App {
  app: FastifyInstance;
  state: ServerState;
  metrics: ServerMetrics;
  limiter: Limiter;
}

export function buildApp(options: BuildOptions): App {
  const { config } = options;
  const state = options.state ?? new ServerState();
  const limiter = new Limiter(config.maxConcurrency, config.maxQueue);
  const metrics = createMetrics({
    modelLoaded: () => state.model !== undefined,
    inFlight: () => limiter.inFlight,
  });
  const observer = new RequestObserver(metrics, config.logLevel);
  const app = Fastify({
    // A silent logger rather than none: Fastify only reports finished requests (metrics) when it has one.
    logger: options.logger ?? { level: 'silent' },
    logController: observer,
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    requestIdHeader: 'x-request-id',
    genReqId: requestIds(),
    return503OnClosing: true,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false },
    },
  });

  app.addHook('onRoute', (route) => {
    observer.routes.add(route.url);
  });
  app.removeContentTypeParser('text/plain');
  registerCsvParser(app);
  registerErrorHandling(app, config);
  registerHealthRoutes(app, state, config);
  registerInfoRoutes(app, state, config, metrics);
  registerPredictRoutes(app, {
    state,
    config,
    limiter,
    metrics,
    instanceSchema: options.instanceSchema ?? {},
  });
  return { app, state, metrics, limiter };
}

/** Unique request ids without per-request randomness: a random per-process prefix and a counter. */
function requestIds(): () => string {
  const prefix = randomBytes(4).toString('hex');
  let next = 0;
  return () => `${prefix}-${(++next).toString(36)}`;
}
