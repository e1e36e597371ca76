import { HttpError } from '../errors.js';
const info = {
    type: 'object',
    properties: {
        name: { type: 'string' },
        version: { type: 'string' },
        framework: { type: 'string' },
        maxBatchSize: { type: 'integer' },
        signature: { type: 'object', additionalProperties: true },
    },
};
export function registerInfoRoutes(app, state, config, metrics) {
    app.get('/model/info', { schema: { response: { 200: info } } }, (_request, reply) => {
        const model = state.model;
        if (!model)
            throw notReady();
        return reply.send({
            name: config.name,
            version: config.version,
            framework: model.framework,
            maxBatchSize: config.maxBatchSize,
            signature: model.signature,
        });
    });
    app.get('/metrics', (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()));
}
export function notReady() {
    return new HttpError(503, 'MODEL_NOT_READY', 'the model is still loading; retry shortly', {
        'retry-after': '5',
    });
}
//# sourceMappingURL=info.js.map