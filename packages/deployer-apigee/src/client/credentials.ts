import { MlshipError } from '@mlship/core';
import { type AuthClient, GoogleAuth } from 'google-auth-library';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/**
 * Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS (a service-account key or a workload-identity
 * `external_account` file), gcloud's application-default login, or the metadata server. Undefined when none is found.
 * An Apigee X organization is named after its Google Cloud project, so that is the project id: the library then does
 * not look the project up (an extra Resource Manager call that workload identity may not be allowed to make).
 */
export async function defaultCredentials(projectId: string): Promise<AuthClient | undefined> {
  const auth = new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE], projectId });
  try {
    return await auth.getClient();
  } catch (error) {
    if (/Could not load the default credentials/.test(String((error as Error).message))) return undefined;
    throw new MlshipError(
      'APIGEE_CREDENTIALS_INVALID',
      `The Google credentials could not be loaded: ${(error as Error).message}`,
      {
        kind: 'user',
        cause: error,
        hint: 'Check the file GOOGLE_APPLICATION_CREDENTIALS names, or run `gcloud auth application-default login`.',
      },
    );
  }
}
