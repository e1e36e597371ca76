import { HttpError } from '../errors.js';
import { notReady } from './info.js';
/**
 * POST /invocations (SageMaker) and /predict: `{ "instances": [...] }` -> `{ "predictions": [...] }`,
 * or for ONNX `{ "inputs": { name: tensor } }` -> `{ "outputs": { name: tensor } }`.
 * POST /predict/batch: `{ "instances": [...] }` with at most MAX_BATCH_SIZE instances.
 */
export function registerPredictRoutes(app, deps) {
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
function createHandler({ state, config, limiter, metrics }) {
    const timeoutMs = config.requestTimeoutMs;
    return async (request, reply) => {
        const model = state.model;
        if (!model)
            throw notReady();
        const job = model.prepare(request.body);
        const json = await withTimeout(limiter.run(async () => {
            const started = performance.now();
            const result = await job.run();
            metrics.observeInference((performance.now() - started) / 1000, job.rows);
            return result;
        }), timeoutMs);
        return reply.type('application/json; charset=utf-8').send(json);
    };
}
function withTimeout(work, ms) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new HttpError(504, 'PREDICTION_TIMEOUT', `the prediction took longer than ${ms} ms`)), ms);
        work.then((value) => {
            clearTimeout(timer);
            resolve(value);
        }, (error) => {
            clearTimeout(timer);
            reject(error);
        });
    });
}
//# sourceMappingURL=predict.js.map