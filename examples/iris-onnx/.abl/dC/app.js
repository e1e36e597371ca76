import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import { registerCsvParser } from './csv.js';
import { registerErrorHandling } from './errors.js';
import { Limiter } from './limiter.js';
import { createMetrics } from './metrics.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerInfoRoutes } from './routes/info.js';
import { registerPredictRoutes } from './routes/predict.js';
import { ServerState } from './state.js';
export function buildApp(options) {
    const { config } = options;
    const state = options.state ?? new ServerState();
    const app = Fastify({
        logger: options.logger ?? false,
        // One line per request is logged by the onResponse hook below (errors always, all at LOG_LEVEL=debug).
        logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
        bodyLimit: config.bodyLimitBytes,
        requestTimeout: config.requestTimeoutMs,
        requestIdHeader: 'x-request-id',
        genReqId: () => randomUUID(),
        return503OnClosing: true,
        ajv: {
            customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false },
        },
    });
    const limiter = new Limiter(config.maxConcurrency, config.maxQueue);
    const metrics = createMetrics({
        modelLoaded: () => state.model !== undefined,
        inFlight: () => limiter.inFlight,
    });
    app.addHook('onRequest', (request, reply, done) => {
        reply.header('x-request-id', request.id);
        done();
    });
    const logEveryRequest = config.logLevel === 'debug' || config.logLevel === 'trace';
    app.addHook('onResponse', (request, reply, done) => {
        const status = reply.statusCode;
        metrics.observeRequest(request.routeOptions.url ?? 'unmatched', request.method, status, reply.elapsedTime / 1000);
        if (status >= 500 || logEveryRequest) {
            request.log[status >= 500 ? 'warn' : 'debug']({ method: request.method, url: request.url, statusCode: status, responseTimeMs: reply.elapsedTime }, 'request completed');
        }
        done();
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