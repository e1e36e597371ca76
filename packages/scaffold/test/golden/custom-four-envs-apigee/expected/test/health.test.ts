import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { appWith, fakeModel } from './helpers.js';

let current: App | undefined;
const open = (...args: Parameters<typeof appWith>) => {
  current = appWith(...args);
  return current.app;
};
afterEach(async () => {
  await current?.app.close();
});

describe('health routes', () => {
  it('GET /ping is 503 while the model loads and 200 once it is loaded (SageMaker contract)', async () => {
    const app = open(undefined);
    expect((await app.inject('/ping')).statusCode).toBe(503);
    current!.state.model = fakeModel();
    const ready = await app.inject('/ping');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
  });

  it('GET /health reports model state, version, uptime and memory', async () => {
    const app = open(undefined);
    const loading = await app.inject('/health');
    expect(loading.statusCode).toBe(503);
    expect(loading.json()).toMatchObject({ status: 'loading', modelLoaded: false });

    current!.state.model = fakeModel();
    const ok = await app.inject('/health');
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body).toMatchObject({ status: 'ok', modelLoaded: true, version: expect.any(String) });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(body.memory.rssBytes).toBeGreaterThan(0);
  });

  it('GET /health says why a load failed', async () => {
    const app = open(undefined);
    current!.state.loadError = 'model file missing';
    expect((await app.inject('/health')).json()).toMatchObject({
      status: 'failed',
      error: 'model file missing',
    });
  });

  it('GET /readiness follows the model and turns 503 when shutting down; /liveness is always 200', async () => {
    const app = open(undefined);
    expect((await app.inject('/readiness')).statusCode).toBe(503);
    current!.state.model = fakeModel();
    expect((await app.inject('/readiness')).json()).toEqual({ status: 'ready' });
    current!.state.shuttingDown = true;
    const draining = await app.inject('/readiness');
    expect(draining.statusCode).toBe(503);
    expect(draining.json()).toEqual({ status: 'shutting-down' });
    expect((await app.inject('/liveness')).json()).toEqual({ status: 'alive' });
  });

  it('every response carries a request id, reusing the caller’s x-request-id', async () => {
    const app = open(fakeModel());
    const generated = await app.inject('/ping');
    const second = await app.inject('/ping');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(second.headers['x-request-id']).not.toBe(generated.headers['x-request-id']);
    const given = await app.inject({ url: '/ping', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
  });
});
