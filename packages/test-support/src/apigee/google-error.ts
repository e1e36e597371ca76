/** google.rpc.Code names by HTTP status, as Google APIs answer them. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** An error in Google's JSON error shape: `{"error":{"code","message","status","details"}}`. */
export class GoogleApiError extends Error {
  readonly status: number;
  readonly statusName: string;
  readonly details: unknown[];

  constructor(status: number, message: string, statusName?: string, details: unknown[] = []) {
    super(message);
    this.status = status;
    this.statusName = statusName ?? STATUS_NAMES[status] ?? 'UNKNOWN';
    this.details = details;
  }

  body(): { error: { code: number; message: string; status: string; details?: unknown[] } } {
    return {
      error: {
        code: this.status,
        message: this.message,
        status: this.statusName,
        ...(this.details.length > 0 ? { details: this.details } : {}),
      },
    };
  }
}

export const notFound = (what: string) =>
  new GoogleApiError(404, `generic::not_found: resource ${what} not found`);
export const alreadyExists = (what: string) => new GoogleApiError(409, `${what} already exists`);
export const badRequest = (message: string) => new GoogleApiError(400, message);
export const failedPrecondition = (message: string) =>
  new GoogleApiError(400, message, 'FAILED_PRECONDITION');
