import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { MlshipError } from '@mlship/core';
import { createProxy, readProxyConfig, sageMakerInvoke } from '@mlship/lambda-proxy';
import {
  type LocalServer,
  type RuntimeStandIn,
  startLocalFront,
  startRuntimeStandIn,
} from '@mlship/lambda-proxy/local';
import { type DevCache, startCache } from './cache.js';
import { sampleBody } from './sample.js';
import { type InferenceServer, startInferenceServer } from './server.js';

export interface DevOptions {
  projectDir: string;
  /** The local front's port; 0 picks a free one. Default 3000. */
  port?: number;
  /** When set, the front requires it in `x-api-key`, as the deployed API Gateway usage plan does. */
  apiKey?: string;
  /** `dev` (the TypeScript source, default when the project has it) or `start` (the build). */
  script?: 'dev' | 'start';
  /** The environment of the server and the source of REDIS_URL and PATH; default process.env. */
  env?: NodeJS.ProcessEnv;
  onServerLine?: (line: string) => void;
  onNotice?: (code: string, text: string) => void;
  readyTimeoutMs?: number;
  /** Called as each process is started (before it is ready), e.g. to show or track its pid. */
  onProcess?: (name: string, pid: number) => void;
  /** Aborting it while the chain starts stops what was started and rejects with the abort reason. */
  signal?: AbortSignal;
}

export interface DevChain {
  frontUrl: string;
  serverUrl: string;
  cache: Pick<DevCache, 'kind' | 'description'>;
  /** Every process mlship dev started (the server's npm, a redis-server): each leads its own process group. */
  pids: number[];
  /** A request body the model accepts, for the printed curl. */
  sample: string;
  /** Stops everything it started (idempotent); resolves once no started process is left. */
  stop(): Promise<void>;
}

const ENDPOINT_NAME = 'mlship-dev';

/** The deployed chain on one machine: local front → the Lambda proxy handler (+ cache) → SageMaker Runtime stand-in → the project's server. */
export async function startDev(options: DevOptions): Promise<DevChain> {
  const env = options.env ?? process.env;
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const server: InferenceServer = await startInferenceServer({
      projectDir: options.projectDir,
      script: options.script,
      env,
      onLine: options.onServerLine ?? (() => undefined),
      readyTimeoutMs: options.readyTimeoutMs ?? 120_000,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProcess ? { onProcess: options.onProcess } : {}),
    });
    stops.push(() => server.process.stop());
    options.signal?.throwIfAborted();
    const cache = await startCache(
      env,
      options.onNotice ?? (() => undefined),
      options.signal,
      options.onProcess,
    );
    if (cache.process) stops.push(() => (cache.process as NonNullable<DevCache['process']>).stop());
    const runtime: RuntimeStandIn = await startRuntimeStandIn({
      upstream: server.url,
      endpoints: [ENDPOINT_NAME],
    });
    stops.push(() => runtime.close());
    const proxy = createProxy(
      readProxyConfig({
        ENDPOINT_NAME,
        MODEL_VERSION: `dev-${Date.now().toString(36)}`,
        REDIS_URL: cache.redisUrl,
        // a local Redis answers in well under a second even on a busy laptop
        REDIS_CONNECT_TIMEOUT_MS: '1000',
        REDIS_COMMAND_TIMEOUT_MS: '1000',
      }),
      {
        invoke: sageMakerInvoke(
          new SageMakerRuntimeClient({
            endpoint: runtime.url,
            region: 'us-east-1',
            credentials: { accessKeyId: 'mlship-dev', secretAccessKey: 'mlship-dev' },
          }),
        ),
        writeMetrics: () => undefined,
        ...(cache.cache ? { cache: cache.cache } : {}),
      },
    );
    stops.push(() => proxy.close());
    const front: LocalServer = await listenFront(proxy.handler, options);
    stops.push(() => front.close());
    options.signal?.throwIfAborted();
    return {
      frontUrl: front.url,
      serverUrl: server.url,
      cache: { kind: cache.kind, description: cache.description },
      pids: [server.process.pid, ...(cache.process ? [cache.process.pid] : [])],
      sample: await sampleBody(server.url),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function listenFront(
  handler: Parameters<typeof startLocalFront>[0]['handler'],
  options: DevOptions,
): Promise<LocalServer> {
  const port = options.port ?? 3000;
  try {
    return await startLocalFront({ handler, port, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new MlshipError(
      'DEV_PORT_IN_USE',
      `Port ${port} is already in use, so the local front cannot listen on it`,
      {
        hint: 'Pass another with --port <n> (0 picks a free one), or stop what listens there.',
      },
    );
  }
}
