import type { MlshipError } from '@mlship/core';

/** Duck-typed, so that starting the CLI (e.g. for --help) does not load @mlship/core with zod and yaml. */
function isMlshipError(error: unknown): error is MlshipError {
  const candidate = error as { name?: unknown; code?: unknown; exitCode?: unknown } | null;
  return (
    error instanceof Error &&
    candidate?.name === 'MlshipError' &&
    typeof candidate.code === 'string' &&
    typeof candidate.exitCode === 'number'
  );
}

export interface ReportOptions {
  debug: boolean;
  json: boolean;
  stderr?: NodeJS.WritableStream;
}

/** Prints an error as one clear paragraph (or a JSON object) and returns the exit code it calls for. */
export function reportError(error: unknown, options: ReportOptions): number {
  const out = options.stderr ?? process.stderr;
  if (isMlshipError(error)) {
    if (options.json) {
      out.write(
        `${JSON.stringify({ error: { code: error.code, message: error.message, hint: error.hint, details: error.details } })}\n`,
      );
    } else {
      out.write(`Error [${error.code}]: ${error.message}\n`);
      if (error.hint) out.write(`Hint: ${error.hint}\n`);
    }
    if (options.debug && error.stack) out.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (options.json) out.write(`${JSON.stringify({ error: { code: 'INTERNAL', message } })}\n`);
  else
    out.write(
      `Internal error: ${message}\n${options.debug ? '' : 'Run again with --debug for the stack trace.\n'}`,
    );
  if (options.debug && error instanceof Error && error.stack) out.write(`${error.stack}\n`);
  return 1;
}
