import { randomUUID } from 'node:crypto';
import Fastify, {} from 'fastify';
import { registerCsvParser } from './csv.js';
import { registerErrorHandling } from './errors.js';
import { Limiter } from './limiter.js';
import { createMetrics } from './metrics.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerInfoRoutes } from './routes/info.js';
import { registerPredictRoutes } from './routes/predict.js';
import { RequestObserver } from './request-observer.js';
import { ServerState } from './state.js';
export function buildApp(options) {
    const { config } = options;
    const state = options.state ?? new ServerState();
    const limiter = new Limiter(config.maxConcurrency, config.maxQueue);
    const metrics = createMetrics({ modelLoaded: () => state.model !== undefined, inFlight: () => limiter.inFlight });
    const app = Fastify({
        logger: options.logger ?? false,
        logController: new RequestObserver(metrics, config.logLevel),
        bodyLimit: config.bodyLimitBytes,
        requestTimeout: config.requestTimeoutMs,
        requestIdHeader: 'x-request-id',
        genReqId: () => randomUUID(),
        return503OnClosing: true,
        ajv: {
            customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false },
        },
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
//# sourceMappingURL=app.js.map