import { performance } from 'node:perf_hooks';
import { type IoHost, loadEnvironment, MlshipError, type ResolvedConfig } from '@mlship/core';
import { callCredentials, readSecrets } from './credentials.js';
import { curlCommands } from './curl.js';
import { readGatewayOutputs, requestBody, requestPath } from './inputs.js';
import { type CallResponse, parseBody, responseError } from './response.js';

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

/**
 * `mlship call`: a client-credentials token from Cognito, then one request to the API with the token and the API
 * key; prints the body, status, x-cache and latency. Secrets are read from AWS for the run and never stored.
 */
export async function call(options: CallOptions): Promise<CallResult> {
  const path = requestPath(options.path);
  const body = await requestBody(options.data, options.bodyFile);
  const processEnv = options.processEnv ?? process.env;
  const resolved = options.resolved ?? (await loadEnvironment(options.file, options.env, options.host));
  const { front } = resolved.config;
  if (front !== 'apigateway') {
    throw new MlshipError(
      'CALL_FRONT_UNSUPPORTED',
      `${resolved.env} is fronted by ${front}; mlship call calls environments with front: apigateway.`,
      {
        hint:
          front === 'apigee'
            ? 'Call the Apigee proxy at its base path with a token from your auth service (docs/targets/apigee.md).'
            : 'An environment with front: none has no API to call; its endpoint is reached through the Lambda proxy.',
      },
    );
  }
  if (options.curl) {
    const outputs = await readGatewayOutputs(resolved.file, resolved.env);
    const secrets = options.showSecrets ? await readSecrets(resolved, processEnv, outputs) : undefined;
    const curl = curlCommands(outputs, path, body, secrets);
    const note = options.showSecrets
      ? []
      : ['# the client secret and API key are masked; add --show-secrets to print them'];
    options.host.result({ curl }, [...note, ...curl].join('\n'));
    return { curl };
  }
  const fetchImpl = options.fetch ?? fetch;
  const credentials = await callCredentials({ resolved, processEnv, fetch: fetchImpl });
  const url = `${credentials.url}${path}`;
  const started = performance.now();
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: {
        ...credentials.headers,
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
