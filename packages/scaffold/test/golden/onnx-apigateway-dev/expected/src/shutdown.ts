import type { FastifyInstance } from 'fastify';
import type { ServerState } from './state.js';

export type ShutdownResult = 'clean' | 'timeout' | 'error';

/**
 * Stops accepting connections, lets in-flight requests finish and releases the model. SageMaker sends
 * SIGKILL 30 s after SIGTERM, so this gives up after `timeoutMs` (25 s by default) rather than be killed.
 */
export async function shutdown(
  app: FastifyInstance,
  state: ServerState,
  timeoutMs: number,
): Promise<ShutdownResult> {
  state.shuttingDown = true;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ShutdownResult>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const closed = (async (): Promise<ShutdownResult> => {
    await app.close();
    await state.model?.close();
    return 'clean';
  })().catch((error: unknown) => {
    app.log.error({ err: error }, 'error during shutdown');
    return 'error' as const;
  });
  try {
    return await Promise.race([closed, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export function exitOnSignals(
  app: FastifyInstance,
  state: ServerState,
  timeoutMs: number,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, timeoutMs }, 'shutting down: finishing in-flight requests');
    void shutdown(app, state, timeoutMs).then((result) => {
      if (result === 'clean') app.log.info('shut down cleanly');
      else app.log.error({ result }, 'shutdown did not complete cleanly');
      exit(result === 'clean' ? 0 : 1);
    });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
