import { performance } from 'node:perf_hooks';
import { GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { type IoHost, loadEnvironment, MlshipError, type ResolvedConfig } from '@mlship/core';
import { clientsFor, errorName } from '../clients.js';
import { curlCommands } from './curl.js';
import { type GatewayOutputs, readGatewayOutputs, requestBody, requestPath } from './inputs.js';
import { type CallResponse, parseBody, responseError } from './response.js';
import { TokenCache } from './token.js';

export interface CallOptions {
  file: string;
  env: string;
  host: IoHost;
  data?: string;
  bodyFile?: string;
  path?: string;
  /** Print the equivalent curl commands instead of calling. */
  curl?: boolean;
  showSecrets?: boolean;
  /** Skip loading release.yaml (tests, programmatic callers). */
  resolved?: ResolvedConfig;
  processEnv?: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

export type CallResult = CallResponse | { curl: string[] };

/** The client secret (Cognito) and the API key value (API Gateway), read for this run only. */
async function readSecrets(
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
 * `mlship call`: a client-credentials token from Cognito, then one request to the API with the token and the API
 * key; prints the body, status, x-cache and latency. Secrets are read from AWS for the run and never stored.
 */
export async function call(options: CallOptions): Promise<CallResult> {
  const path = requestPath(options.path);
  const body = await requestBody(options.data, options.bodyFile);
  const processEnv = options.processEnv ?? process.env;
  const resolved = options.resolved ?? (await loadEnvironment(options.file, options.env, options.host));
  const outputs = await readGatewayOutputs(resolved.file, resolved.env);
  const secrets =
    options.showSecrets || !options.curl ? await readSecrets(resolved, processEnv, outputs) : undefined;
  if (options.curl) {
    const curl = curlCommands(outputs, path, body, options.showSecrets ? secrets : undefined);
    const note = options.showSecrets
      ? []
      : ['# the client secret and API key are masked; add --show-secrets to print them'];
    options.host.result({ curl }, [...note, ...curl].join('\n'));
    return { curl };
  }
  const fetchImpl = options.fetch ?? fetch;
  const tokens = new TokenCache(fetchImpl);
  const token = await tokens.token({
    tokenUrl: outputs.tokenUrl,
    clientId: outputs.clientId,
    clientSecret: secrets?.clientSecret ?? '',
    scope: outputs.scope,
  });
  const url = `${outputs.invokeUrl}${path}`;
  const started = performance.now();
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'x-api-key': secrets?.apiKey ?? '',
        'content-type': 'application/json',
      },
      body,
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new MlshipError('CALL_UNREACHABLE', `${url} could not be reached: ${(error as Error).message}.`, {
      kind: 'deploy',
      hint: `Check the network; mlship status --env ${resolved.env} shows whether the API and stage exist.`,
    });
  }
  const text = await response.text();
  const result: CallResponse = {
    url,
    status: response.status,
    xCache: response.headers.get('x-cache'),
    latencyMs: Math.round(performance.now() - started),
    body: parseBody(text),
  };
  if (response.status < 200 || response.status > 299) throw responseError(result, resolved.env);
  const shown = typeof result.body === 'string' ? result.body : JSON.stringify(result.body, null, 2);
  options.host.result(
    result,
    `${shown}\nHTTP ${result.status} · x-cache: ${result.xCache ?? '-'} · ${result.latencyMs} ms`,
  );
  return result;
}
