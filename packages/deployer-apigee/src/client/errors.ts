import { MlshipError } from '@mlship/core';

interface HttpFailure {
  message?: string;
  code?: string | number;
  response?: { status?: number; data?: unknown };
}

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string };
}

const NETWORK = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function networkCode(error: HttpFailure): string | undefined {
  const cause = (error as { cause?: HttpFailure }).cause;
  const code = String(error.code ?? cause?.code ?? '');
  return NETWORK.has(code) ? code : undefined;
}

/** The HTTP status of a failed management-API call, if the API answered. */
export function statusOf(error: unknown): number | undefined {
  return (error as HttpFailure | undefined)?.response?.status;
}

/** Turns a failed management-API call into a coded error naming what was tried and what Apigee said. */
export function apigeeError(error: unknown, what: string, baseUrl: string): MlshipError {
  const failure = error as HttpFailure;
  const network = networkCode(failure);
  if (network) {
    return new MlshipError(
      'APIGEE_UNREACHABLE',
      `Could not reach the Apigee management API at ${baseUrl} while trying to ${what} (${network}).`,
      {
        kind: 'deploy',
        cause: error,
        hint: 'Check the network; APIGEE_API_URL overrides the API URL (unset it to use https://apigee.googleapis.com).',
      },
    );
  }
  const status = failure.response?.status;
  const body = (failure.response?.data ?? {}) as GoogleErrorBody;
  const said = body.error?.message ?? failure.message ?? String(error);
  const statusName = body.error?.status ?? '';
  const text = `Apigee refused to ${what}: ${said}${statusName ? ` (${status} ${statusName})` : ''}`;
  const options = (hint: string) => ({
    kind: 'deploy' as const,
    cause: error,
    hint,
    details: { status, statusName },
  });
  switch (status) {
    case 401:
      return new MlshipError(
        'APIGEE_UNAUTHENTICATED',
        text,
        options(
          'The Google credentials were rejected; refresh them (gcloud auth application-default login) or check GOOGLE_APPLICATION_CREDENTIALS.',
        ),
      );
    case 403:
      return new MlshipError(
        'APIGEE_PERMISSION_DENIED',
        text,
        options(
          'Grant the deploying identity roles/apigee.apiAdminV2 and roles/apigee.environmentAdmin on the organization (see docs/targets/apigee.md).',
        ),
      );
    case 409:
      return new MlshipError(
        'APIGEE_CONFLICT',
        text,
        options(
          'Something changed the same resource at the same time, or it exists outside mlship; re-run the deploy.',
        ),
      );
    default:
      return new MlshipError(
        'APIGEE_API_ERROR',
        text,
        options('Check the message above; `mlship status` shows what is deployed.'),
      );
  }
}
