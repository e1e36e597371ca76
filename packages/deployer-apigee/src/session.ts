import { type DeployContext, MlshipError } from '@mlship/core';
import { ApigeeApi, DEFAULT_API_URL } from './client/api.js';
import { defaultCredentials } from './client/credentials.js';
import type { ApigeeNames } from './names.js';

export function apiUrl(ctx: DeployContext): string {
  return (ctx.env.APIGEE_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
}

/** The management-API client for the environment's organization, or undefined without Google credentials. */
export async function openApi(ctx: DeployContext, names: ApigeeNames): Promise<ApigeeApi | undefined> {
  const client = await defaultCredentials(names.organization);
  return client ? new ApigeeApi(client, apiUrl(ctx), names.organization) : undefined;
}

export function credentialsMissing(): MlshipError {
  return new MlshipError(
    'APIGEE_CREDENTIALS_MISSING',
    'No Google credentials found for the Apigee management API.',
    {
      kind: 'user',
      hint:
        'Run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key or a ' +
        'workload-identity credential file (CI). `mlship deploy --dry-run` works without them.',
    },
  );
}

/** Like openApi, but failing with a coded error when there are no credentials (status, rollback, destroy, apply). */
export async function requireApi(ctx: DeployContext, names: ApigeeNames): Promise<ApigeeApi> {
  const api = await openApi(ctx, names);
  if (!api) throw credentialsMissing();
  return api;
}
