import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { appWith, deferred, fakeModel, post, until } from './helpers.js';

let current: App | undefined;
const open = (...args: Parameters<typeof appWith>) => {
  current = appWith(...args);
  return current.app;
};
afterEach(async () => {
  await current?.app.close();
});

describe('prediction routes', () => {
  it.each(['/invocations', '/predict'])('POST %s answers one prediction per instance', async (url) => {
    const app = open(fakeModel());
    const response = await app.inject(
      post(url, {
        instances: [
          [1, 2],
          [3, 4],
        ],
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ predictions: [{ echo: [1, 2] }, { echo: [3, 4] }] });
  });

  it('POST /predict/batch accepts up to MAX_BATCH_SIZE instances and refuses one more', async () => {
    const app = open(fakeModel(), { maxBatchSize: 3 });
    const ok = await app.inject(post('/predict/batch', { instances: [1, 2, 3] }));
    expect(ok.json().predictions).toHaveLength(3);
    const tooMany = await app.inject(post('/predict/batch', { instances: [1, 2, 3, 4] }));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('at most 3'),
    });
  });

  it('503 + Retry-After while the model is not loaded', async () => {
    const app = open(undefined);
    const response = await app.inject(post('/invocations', { instances: [1] }));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json().code).toBe('MODEL_NOT_READY');
  });

  it.each([
    ['an empty body', '', 400, 'EMPTY_BODY', 'request body is empty'],
    ['invalid JSON', '{"instances": [', 400, 'INVALID_JSON', 'not valid JSON'],
    ['an empty object', {}, 400, 'VALIDATION_FAILED', 'body must hold one of "instances"'],
    [
      'both instances and inputs',
      { instances: [1], inputs: { x: 1 } },
      400,
      'VALIDATION_FAILED',
      'body holds both "instances" and "inputs"',
    ],
    ['an unknown property', { rows: [1] }, 400, 'VALIDATION_FAILED', 'unknown property "rows"'],
    [
      'an unknown property next to instances',
      { instances: [1], extra: true },
      400,
      'VALIDATION_FAILED',
      'body has an unknown property "extra"',
    ],
    ['no instances', { instances: [] }, 400, 'VALIDATION_FAILED', 'body.instances is empty'],
    ['instances that are not a list', { instances: 'x' }, 400, 'VALIDATION_FAILED', 'must be array'],
  ])('rejects %s with a JSON 4xx', async (_what, payload, status, code, message) => {
    const app = open(fakeModel());
    const response = await app.inject(post('/invocations', payload));
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(body).toMatchObject({ statusCode: status, code, requestId: expect.any(String) });
    expect(body.message).toContain(message);
  });

  it('413 for a body over BODY_LIMIT_BYTES', async () => {
    const app = open(fakeModel(), { bodyLimitBytes: 1000 });
    const response = await app.inject(post('/invocations', { instances: [Array(600).fill(1)] }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('1000 bytes'),
    });
  });

  it('415 for a body that is not JSON', async () => {
    const app = open(fakeModel());
    const response = await app.inject({
      method: 'POST',
      url: '/predict',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('text/csv bodies become instances, one per line (SageMaker Batch Transform)', async () => {
    const app = open(fakeModel());
    const csv = { method: 'POST' as const, url: '/invocations', headers: { 'content-type': 'text/csv' } };
    const response = await app.inject({ ...csv, payload: '5.1,3.5,x\r\n6.7, 3.0 ,2\n' });
    expect(response.json()).toEqual({ predictions: [{ echo: [5.1, 3.5, 'x'] }, { echo: [6.7, 3, 2] }] });
    const empty = await app.inject({ ...csv, payload: '\n' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('no rows');
  });

  it('a failing model is a 500 without internals or a stack trace', async () => {
    const app = open(fakeModel({ fail: true }));
    const response = await app.inject(post('/predict', { instances: [1] }));
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(response.body).not.toContain('secret internal detail');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('sheds load with 503 + Retry-After beyond MAX_CONCURRENCY + MAX_QUEUE', async () => {
    const gate = deferred();
    const app = open(fakeModel({ gate: () => gate.promise }), { maxConcurrency: 1, maxQueue: 1 });
    const running = app.inject(post('/predict', { instances: [1] }));
    const queued = app.inject(post('/predict', { instances: [2] }));
    await until(() => current!.limiter.inFlight === 2);
    const refused = await app.inject(post('/predict', { instances: [3] }));
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().code).toBe('OVERLOADED');
    gate.resolve();
    expect((await running).statusCode).toBe(200);
    expect((await queued).json()).toEqual({ predictions: [{ echo: 2 }] });
  });

  it('504 when a prediction outlives REQUEST_TIMEOUT_MS', async () => {
    const gate = deferred();
    const app = open(fakeModel({ gate: () => gate.promise }), { requestTimeoutMs: 20 });
    const response = await app.inject(post('/predict', { instances: [1] }));
    gate.resolve();
    expect(response.statusCode).toBe(504);
    expect(response.json().code).toBe('PREDICTION_TIMEOUT');
  });

  it('unknown routes are a JSON 404', async () => {
    const app = open(fakeModel());
    const response = await app.inject('/nope?x=1');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: 'no route for GET /nope' });
  });
});
