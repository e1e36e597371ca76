import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { appWith, fakeModel, post } from './helpers.js';

let current: App | undefined;
afterEach(async () => {
  await current?.app.close();
});

describe('GET /model/info and GET /metrics', () => {
  it('/model/info describes the model, and is 503 before it loads', async () => {
    current = appWith(undefined, { name: 'demo', version: '1.2.3', maxBatchSize: 7 });
    expect((await current.app.inject('/model/info')).statusCode).toBe(503);
    current.state.model = fakeModel();
    expect((await current.app.inject('/model/info')).json()).toEqual({
      name: 'demo',
      version: '1.2.3',
      framework: 'custom',
      maxBatchSize: 7,
      signature: { instance: {} },
    });
  });

  it('/metrics counts requests by route and status, errors, latency, inference and rows', async () => {
    current = appWith(fakeModel());
    const { app } = current;
    await app.inject(post('/invocations', { instances: [1, 2, 3] }));
    await app.inject(post('/invocations', { instances: [4] }));
    await app.inject(post('/invocations', ''));
    const response = await app.inject('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text = response.body;
    expect(text).toContain('http_requests_total{route="/invocations",method="POST",status="200"} 2');
    expect(text).toContain('http_request_errors_total{route="/invocations",method="POST",status="400"} 1');
    expect(text).toContain('http_request_duration_seconds_count{route="/invocations"} 3');
    expect(text).toContain('http_request_duration_seconds_bucket{route="/invocations",le="+Inf"} 3');
    expect(text).toContain('model_inference_duration_seconds_count 2');
    expect(text).toContain('model_inference_rows_total 4');
    expect(text).toContain('model_loaded 1');
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });

  it('model_loaded is 0 until the model loads', async () => {
    current = appWith(undefined);
    expect((await current.app.inject('/metrics')).body).toContain('model_loaded 0');
  });
});
