import { describe, expect, it } from 'vitest';
import { shutdown } from '../src/shutdown.js';
import { appWith, deferred, fakeModel } from './helpers.js';

const slowPredict = (port: number) =>
  fetch(`http://127.0.0.1:${port}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ instances: [42] }),
  });

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new work and releases the model', async () => {
    const gate = deferred();
    const started = deferred();
    const model = fakeModel({
      gate: () => {
        started.resolve();
        return gate.promise;
      },
    });
    const { app, state } = appWith(model);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const inFlight = slowPredict(port);
    await started.promise;
    const stopping = shutdown(app, state, 5000);
    expect(state.ready).toBe(false);
    gate.resolve();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ predictions: [{ echo: 42 }] });
    expect(await stopping).toBe('clean');
    expect(model.closed).toBe(true);
    expect(app.server.listening).toBe(false);
  });

  it('gives up after the timeout instead of hanging', async () => {
    const gate = deferred();
    const started = deferred();
    const { app, state } = appWith(
      fakeModel({
        gate: () => {
          started.resolve();
          return gate.promise;
        },
      }),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const stuck = slowPredict(port).catch(() => undefined);
    await started.promise;
    expect(await shutdown(app, state, 30)).toBe('timeout');
    gate.resolve();
    await stuck;
  });
});
