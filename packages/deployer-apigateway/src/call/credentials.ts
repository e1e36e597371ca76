import { GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { MlshipError, type ResolvedConfig } from '@mlship/core';
import { clientsFor, errorName } from '../clients.js';
import { type GatewayOutputs, readGatewayOutputs } from './inputs.js';
import { TokenCache } from './token.js';

export interface CallCredentialsOptions {
  resolved: ResolvedConfig;
  processEnv?: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

/** The deployed base URL and the headers a request to it needs; the values are secrets: never print them. */
export interface CallCredentials {
  url: string;
  headers: { authorization: string; 'x-api-key': string };
}

/** The client secret (Cognito) and the API key value (API Gateway), read for this run only. */
export async function readSecrets(
  resolved: ResolvedConfig,
  env: Record<string, string | undefined>,
  outputs: GatewayOutputs,
) {
  const clients = clientsFor({ resolved, env });
  try {
    const client = await clients.cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: outputs.userPoolId, ClientId: outputs.clientId }),
    );
    const key = await clients.apigw.send(
      new GetApiKeyCommand({ apiKey: outputs.apiKeyId, includeValue: true }),
    );
    return { clientSecret: client.UserPoolClient?.ClientSecret ?? '', apiKey: key.value ?? '' };
  } catch (error) {
    if (['ResourceNotFoundException', 'NotFoundException'].includes(errorName(error))) {
      throw new MlshipError(
        'CALL_NO_OUTPUTS',
        `The app client or API key in the ${resolved.env} outputs no longer exists (${(error as Error).message}).`,
        {
          hint: `Deploy again: mlship deploy --env ${resolved.env}`,
        },
      );
    }
    throw error;
  }
}

/**
 * What calling an API Gateway environment takes, from its outputs: the invoke URL, a client-credentials token
 * from Cognito and the API key value. Shared by `mlship call` and `mlship loadtest --env`.
 */
export async function callCredentials(options: CallCredentialsOptions): Promise<CallCredentials> {
  const { resolved } = options;
  const outputs = await readGatewayOutputs(resolved.file, resolved.env);
  const secrets = await readSecrets(resolved, options.processEnv ?? process.env, outputs);
  const token = await new TokenCache(options.fetch ?? fetch).token({
    tokenUrl: outputs.tokenUrl,
    clientId: outputs.clientId,
    clientSecret: secrets.clientSecret,
    scope: outputs.scope,
  });
  return {
    url: outputs.invokeUrl,
    headers: { authorization: `Bearer ${token}`, 'x-api-key': secrets.apiKey },
  };
}
