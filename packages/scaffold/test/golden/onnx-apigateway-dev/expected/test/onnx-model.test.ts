import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadModel } from '../src/model/index.js';
import type { Model } from '../src/model/types.js';
import { post, testConfig } from './helpers.js';

// A 4-feature, 3-class softmax classifier (iris): input 'input' float32 [N, 4] -> 'probabilities' [N, 3].
const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const setosa = [5.1, 3.5, 1.4, 0.2];
const virginica = [6.7, 3.0, 5.2, 2.3];

let model: Model;
const built = buildApp({ config: testConfig({ maxBatchSize: 5 }) });
const app = built.app;

beforeAll(async () => {
  model = await loadModel({ modelDir: fixtures, modelFile: 'model.onnx' });
  built.state.model = model;
});
afterAll(async () => {
  await app.close();
  await model.close();
});

const argmax = (row: number[]) => row.indexOf(Math.max(...row));

describe('ONNX model', () => {
  it('derives the signature from the model metadata', async () => {
    const info = (await app.inject('/model/info')).json();
    expect(info.framework).toBe('onnx');
    expect(info.signature).toEqual({
      inputs: [{ name: 'input', type: 'float32', shape: ['N', 4] }],
      outputs: [{ name: 'probabilities', type: 'float32', shape: ['N', 3] }],
    });
  });

  it('predicts instances through /invocations', async () => {
    const response = await app.inject(post('/invocations', { instances: [setosa, virginica] }));
    expect(response.statusCode).toBe(200);
    const { predictions } = response.json() as { predictions: number[][] };
    expect(predictions).toHaveLength(2);
    expect(predictions.map(argmax)).toEqual([0, 2]);
    for (const row of predictions) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('answers concurrent requests (batched into one run) each with its own prediction', async () => {
    const rows = [setosa, virginica, [5.9, 3.0, 4.2, 1.5], virginica, setosa];
    const responses = await Promise.all(
      rows.map((row) => app.inject(post('/invocations', { instances: [row] }))),
    );
    const classes = responses.map((r) => argmax((r.json() as { predictions: number[][] }).predictions[0]!));
    expect(classes).toEqual([0, 2, 1, 2, 0]);
  });

  it('accepts named tensors through "inputs" and answers named outputs', async () => {
    const response = await app.inject(post('/predict', { inputs: { input: [setosa] } }));
    expect(response.statusCode).toBe(200);
    const { outputs } = response.json() as { outputs: { probabilities: number[][] } };
    expect(outputs.probabilities).toHaveLength(1);
    expect(argmax(outputs.probabilities[0]!)).toBe(0);
  });

  it('/predict/batch predicts up to MAX_BATCH_SIZE rows in one run and refuses more', async () => {
    const ok = await app.inject(post('/predict/batch', { instances: Array(5).fill(virginica) }));
    expect((ok.json().predictions as number[][]).map(argmax)).toEqual([2, 2, 2, 2, 2]);
    const tooMany = await app.inject(post('/predict/batch', { instances: Array(6).fill(virginica) }));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toContain('at most 5');
  });

  it.each([
    [
      { instances: [[5.1, 3.5, 1.4]] },
      "instances[0] has 3 items where 4 are expected; input 'input' expects shape [N, 4] of float32",
    ],
    [
      { instances: [setosa, [1, 2, 3, 4, 5]] },
      "instances[1] has 5 items where 4 are expected; input 'input' expects shape [N, 4]",
    ],
    [
      { instances: [5.1, 3.5, 1.4, 0.2] },
      "instances[0] must be an array; input 'input' expects shape [N, 4]",
    ],
    [
      { instances: [[5.1, 'wide', 1.4, 0.2]] },
      `instances[0][1] is "wide" (a string) but input 'input' takes float32 numbers`,
    ],
    [
      { instances: [[5.1, null, 1.4, 0.2]] },
      "instances[0][1] is null but input 'input' takes float32 numbers",
    ],
    [
      { instances: [[[5.1], 3.5, 1.4, 0.2]] },
      "instances[0][0] is an array but input 'input' takes float32 numbers",
    ],
    [
      { inputs: { input: [5.1, 3.5, 1.4, 0.2] } },
      "inputs.input[0] must be an array; input 'input' expects shape [N, 4]",
    ],
    [
      { inputs: { features: [setosa] } },
      "unknown input 'features'; the model's inputs are 'input' float32 [N, 4]",
    ],
  ])('400 naming the input and its expected shape or type: %j', async (payload, message) => {
    const response = await app.inject(post('/invocations', payload));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(message),
    });
  });

  it('counts predicted rows in /metrics', async () => {
    const before = rows((await app.inject('/metrics')).body);
    await app.inject(post('/invocations', { instances: [setosa, setosa, virginica] }));
    expect(rows((await app.inject('/metrics')).body)).toBe(before + 3);
  });

  it('a missing model file fails the load with the path in the message', async () => {
    await expect(loadModel({ modelDir: fixtures, modelFile: 'absent.onnx' })).rejects.toThrow(
      /absent\.onnx not found/,
    );
  });
});

function rows(metrics: string): number {
  return Number(/^model_inference_rows_total (\d+)$/m.exec(metrics)?.[1] ?? 0);
}
