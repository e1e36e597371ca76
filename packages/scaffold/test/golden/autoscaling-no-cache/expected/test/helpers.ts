import { buildApp } from '../src/app.js';
import { loadConfig, type ServerConfig } from '../src/config.js';
import type { Model, PredictBody } from '../src/model/types.js';

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...loadConfig({}, () => false), ...overrides };
}

export interface FakeModelOptions {
  /** Resolves when the test lets a prediction finish; by default predictions finish at once. */
  gate?: () => Promise<void>;
  fail?: boolean;
}

/** A model that echoes each instance back as `{ "echo": instance }`, for testing the server around it. */
export function fakeModel(options: FakeModelOptions = {}): Model & { closed: boolean } {
  return {
    framework: 'custom',
    signature: { instance: {} },
    closed: false,
    prepare(body: PredictBody) {
      const instances = body.instances ?? [];
      return {
        rows: instances.length,
        run: async () => {
          await options.gate?.();
          if (options.fail) throw new Error('secret internal detail');
          return JSON.stringify({ predictions: instances.map((echo) => ({ echo })) });
        },
      };
    },
    async close() {
      this.closed = true;
    },
  };
}

/** A promise the test resolves by hand. */
export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export function appWith(model: Model | undefined, overrides: Partial<ServerConfig> = {}) {
  const built = buildApp({ config: testConfig(overrides) });
  built.state.model = model;
  return built;
}

/** Yields to the event loop until `condition` holds (no timers involved). */
export async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 10_000) throw new Error('condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const post = (url: string, payload: unknown) => ({
  method: 'POST' as const,
  url,
  headers: { 'content-type': 'application/json' },
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
});
