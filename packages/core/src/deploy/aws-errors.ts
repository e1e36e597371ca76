import { isMlshipError, MlshipError } from '../errors.js';

interface SdkErrorShape {
  name?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
const NO_CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'InvalidClientTokenId',
]);

/**
 * Turns an AWS SDK error into an MlshipError so the CLI prints one clear paragraph instead of an internal error:
 * credentials and region problems are user errors (exit 2), everything else a failed deploy (exit 1).
 */
export function fromAwsError(error: unknown, target: string): unknown {
  if (isMlshipError(error) || !(error instanceof Error)) return error;
  const sdk = error as SdkErrorShape;
  const name = sdk.name ?? 'Error';
  const isSdk = sdk.$fault !== undefined || sdk.$metadata !== undefined || NO_CREDENTIALS.has(name);
  const regionMissing = /region is missing/i.test(error.message);
  if (!isSdk && !regionMissing) return error;
  const details = {
    awsCode: name,
    requestId: sdk.$metadata?.requestId,
    status: sdk.$metadata?.httpStatusCode,
  };
  if (NO_CREDENTIALS.has(name) || regionMissing) {
    return new MlshipError('AWS_CREDENTIALS', `${target}: ${error.message}`, {
      hint: regionMissing
        ? 'Set `region:` in release.yaml or AWS_REGION.'
        : 'Configure AWS credentials the standard way (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO, or an instance/OIDC role).',
      cause: error,
      details,
    });
  }
  return new MlshipError(`AWS_${name}`, `${target}: ${name}: ${error.message}`, {
    kind: 'deploy',
    cause: error,
    details,
    ...(ACCESS_DENIED.has(name)
      ? {
          hint: 'The deploying principal lacks a permission; see the IAM policy in docs/targets/<target>.md.',
        }
      : sdk.$fault === 'server'
        ? { hint: 'AWS answered with a server error after retries; run the command again.' }
        : {}),
  });
}

/** Runs one deployer step, translating AWS SDK errors. */
export async function step<T>(target: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw fromAwsError(error, target);
  }
}
