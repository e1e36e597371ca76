import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { instanceSchema, loadModel } from '../src/model/index.js';
import { post, testConfig } from './helpers.js';

const modelDir = fileURLToPath(new URL('../model', import.meta.url));
const built = buildApp({ config: testConfig({ maxBatchSize: 3 }), instanceSchema });
const app = built.app;

beforeAll(async () => {
  built.state.model = await loadModel({ modelDir });
});
afterAll(async () => {
  await app.close();
});

describe('custom predict()', () => {
  it('answers one prediction per instance through /invocations', async () => {
    const response = await app.inject(
      post('/invocations', {
        instances: [
          [5.1, 3.5, 1.4, 0.2],
          [6.7, 3.0, 5.2, 2.3],
        ],
      }),
    );
    expect(response.statusCode).toBe(200);
    const { predictions } = response.json();
    expect(predictions.map((p: { label: string }) => p.label)).toEqual(['setosa', 'virginica']);
    expect(Object.keys(predictions[0].probabilities)).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('validates instances against instanceSchema', async () => {
    const short = await app.inject(post('/predict', { instances: [[5.1, 3.5, 1.4]] }));
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'body.instances.0 has 3 items; expected at least 4',
    });
    const long = await app.inject(post('/predict', { instances: [[5.1, 3.5, 1.4, 0.2, 9]] }));
    expect(long.json().message).toBe('body.instances.0 has 5 items; expected at most 4');
    const extra = await app.inject(post('/predict', { instances: [[5.1, 3.5, 1.4, 0.2]], model: 'v2' }));
    expect(extra.json().message).toBe(
      'body has an unknown property "model": send only "instances" (a list of examples) or "inputs" (named tensors)',
    );
    const text = await app.inject(post('/predict', { instances: [[5.1, 'x', 1.4, 0.2]] }));
    expect(text.json().message).toContain('must be number');
  });

  it('/predict/batch is bounded by MAX_BATCH_SIZE', async () => {
    const row = [5.1, 3.5, 1.4, 0.2];
    expect((await app.inject(post('/predict/batch', { instances: [row, row, row] }))).statusCode).toBe(200);
    expect((await app.inject(post('/predict/batch', { instances: [row, row, row, row] }))).statusCode).toBe(
      400,
    );
  });

  it('does not take raw "inputs"', async () => {
    const response = await app.inject(post('/predict', { inputs: { x: [1] } }));
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('instances');
  });

  it('reports the instance schema in /model/info', async () => {
    expect((await app.inject('/model/info')).json()).toMatchObject({
      framework: 'custom',
      signature: { instance: instanceSchema },
    });
  });
});
