export type CheckStatus = 'ok' | 'fail' | 'warn';

/** One row of the doctor table: what was checked, what it saw, and how to fix it. */
export interface CheckRow {
  /** Stable id for --json consumers: identity, quota, role, principal, image, front-door. */
  check: string;
  title: string;
  status: CheckStatus;
  fact: string;
  fix?: string;
  data?: Record<string, unknown>;
}

export const ok = (check: string, title: string, fact: string, data?: Record<string, unknown>): CheckRow => ({
  check,
  title,
  status: 'ok',
  fact,
  ...(data ? { data } : {}),
});

export const fail = (
  check: string,
  title: string,
  fact: string,
  fix: string,
  data?: Record<string, unknown>,
): CheckRow => ({ check, title, status: 'fail', fact, fix, ...(data ? { data } : {}) });

export const warn = (
  check: string,
  title: string,
  fact: string,
  fix?: string,
  data?: Record<string, unknown>,
): CheckRow => ({ check, title, status: 'warn', fact, ...(fix ? { fix } : {}), ...(data ? { data } : {}) });

export function errorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** AWS's ways of saying the caller may not make a call. */
export function isAccessDenied(error: unknown): boolean {
  return /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|NotAuthorized)$/.test(errorName(error));
}
