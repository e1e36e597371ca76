export type ErrorKind = 'user' | 'deploy' | 'internal';

export interface MlshipErrorOptions {
  hint?: string;
  kind?: ErrorKind;
  cause?: unknown;
  details?: unknown;
}

/** An error with a stable code. `user` errors exit 2, failed deploys exit 1, internal ones exit 1 with a stack under --debug. */
export class MlshipError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly kind: ErrorKind;
  readonly details: unknown;

  constructor(code: string, message: string, options: MlshipErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MlshipError';
    this.code = code;
    this.hint = options.hint;
    this.kind = options.kind ?? 'user';
    this.details = options.details;
  }

  get exitCode(): number {
    return this.kind === 'user' ? 2 : 1;
  }
}

export function isMlshipError(error: unknown): error is MlshipError {
  return error instanceof MlshipError;
}

export function userError(code: string, message: string, hint?: string): MlshipError {
  return new MlshipError(code, message, hint === undefined ? {} : { hint });
}

export function deployError(code: string, message: string, hint?: string): MlshipError {
  return new MlshipError(code, message, { kind: 'deploy', ...(hint === undefined ? {} : { hint }) });
}

/** The same error (code, kind, cause, details) with another hint. */
export function withHint(error: MlshipError, hint: string): MlshipError {
  return new MlshipError(error.code, error.message, {
    hint,
    kind: error.kind,
    cause: error.cause,
    details: error.details,
  });
}
