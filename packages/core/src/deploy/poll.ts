import { deployError } from '../errors.js';
import type { Clock } from './contract.js';

/** Delays between polls: fast first, then SageMaker's ~30 s cadence. */
export const DEFAULT_BACKOFF_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

export interface PollOptions<T> {
  clock: Clock;
  /** Reads the current state. */
  read: () => Promise<T>;
  /** True when `state` is final. */
  done: (state: T) => boolean;
  timeoutMs: number;
  what: string;
  onState?: (state: T, elapsedMs: number) => void;
  backoffMs?: number[];
  signal?: AbortSignal;
}

/** Polls `read` with backoff until `done`, or throws `WAIT_TIMEOUT` after `timeoutMs`. */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const start = options.clock.now();
  for (let attempt = 0; ; attempt++) {
    const state = await options.read();
    const elapsed = options.clock.now() - start;
    options.onState?.(state, elapsed);
    if (options.done(state)) return state;
    if (elapsed >= options.timeoutMs) {
      throw deployError(
        'WAIT_TIMEOUT',
        `Timed out after ${Math.round(elapsed / 60_000)} min waiting for ${options.what}.`,
        'The operation continues in AWS; check it with `mlship status`, or raise --timeout / sagemaker.waitTimeoutMinutes.',
      );
    }
    const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 30_000;
    await options.clock.sleep(Math.min(delay, Math.max(1, options.timeoutMs - elapsed)), options.signal);
  }
}

export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}
