import { deployError, type EngineOptions, type IoHost, userError } from '@mlship/core';
import { createIoHost } from '../io/create-host.js';
import type { EngineFlags } from './deploy.define.js';

export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 720) {
    throw userError(
      'INVALID_FLAG',
      `--timeout expects whole minutes between 1 and 720, got "${value}".`,
      'e.g. --timeout 45',
    );
  }
  return minutes;
}

/** Engine options from CLI flags; a deployer the project does not have is imported from beside the CLI. */
export function engineOptionsFrom(flags: EngineFlags): { host: IoHost; options: EngineOptions } {
  const host = createIoHost(flags);
  const timeoutMinutes = parseTimeout(flags.timeout);
  return {
    host,
    options: {
      file: flags.file,
      env: flags.env,
      host,
      importer: (specifier) => import(specifier),
      wait: flags.wait ?? true,
      signal: interruptSignal(),
      ...(timeoutMinutes === undefined ? {} : { timeoutMinutes }),
    },
  };
}

/** Ctrl-C stops the waiting (AWS carries on with what was started) and exits through the normal error path. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.once('SIGINT', () => process.exit(130));
    controller.abort(
      deployError(
        'INTERRUPTED',
        'Interrupted while waiting; AWS continues the operation that was already started.',
        'Check it with `mlship status`; running `mlship deploy` again waits for it.',
      ),
    );
  });
  return controller.signal;
}
