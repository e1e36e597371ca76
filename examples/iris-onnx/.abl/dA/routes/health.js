const status = {
    type: 'object',
    properties: { status: { type: 'string' } },
    required: ['status'],
};
const health = {
    type: 'object',
    properties: {
        status: { type: 'string', enum: ['ok', 'loading', 'failed', 'shutting-down'] },
        modelLoaded: { type: 'boolean' },
        name: { type: 'string' },
        version: { type: 'string' },
        uptimeSeconds: { type: 'number' },
        memory: {
            type: 'object',
            properties: { rssBytes: { type: 'integer' }, heapUsedBytes: { type: 'integer' } },
        },
        error: { type: 'string' },
    },
};
/** SageMaker's GET /ping (200 only once the model is loaded) plus the usual health probes. */
export function registerHealthRoutes(app, state, config) {
    const probe = { response: { 200: status, 503: status } };
    app.get('/ping', { schema: probe }, (_request, reply) => state.model ? reply.send({ status: 'ok' }) : reply.code(503).send({ status: 'loading' }));
    app.get('/liveness', { schema: { response: { 200: status } } }, (_request, reply) => reply.send({ status: 'alive' }));
    app.get('/readiness', { schema: probe }, (_request, reply) => state.ready ? reply.send({ status: 'ready' }) : reply.code(503).send({ status: currentStatus(state) }));
    app.get('/health', { schema: { response: { 200: health, 503: health } } }, (_request, reply) => {
        const memory = process.memoryUsage();
        const body = {
            status: currentStatus(state),
            modelLoaded: state.model !== undefined,
            name: config.name,
            version: config.version,
            uptimeSeconds: Math.round(process.uptime()),
            memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
            ...(state.loadError ? { error: state.loadError } : {}),
        };
        return reply.code(state.ready ? 200 : 503).send(body);
    });
}
function currentStatus(state) {
    if (state.shuttingDown)
        return 'shutting-down';
    if (state.model)
        return 'ok';
    return state.loadError ? 'failed' : 'loading';
}
//# sourceMappingURL=health.js.map