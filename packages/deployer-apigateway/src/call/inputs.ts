import { readFile } from 'node:fs/promises';
import { MlshipError, outputsPath, readOutputs } from '@mlship/core';
import { ROUTES } from '../names.js';

export interface GatewayOutputs {
  restApiId: string;
  stageName: string;
  invokeUrl: string;
  tokenUrl: string;
  userPoolId: string;
  clientId: string;
  apiKeyId: string;
  scope: string;
}

const badInput = (message: string, hint?: string) =>
  new MlshipError('CALL_BAD_INPUT', message, hint === undefined ? {} : { hint });

/** The request body: --data or --file (JSON), `{}`-free: one of them is required. */
export async function requestBody(data: string | undefined, file: string | undefined): Promise<string> {
  if (data !== undefined && file !== undefined) throw badInput('Pass either --data or --file, not both.');
  if (data === undefined && file === undefined) {
    throw badInput(
      "No request body: pass --data '<json>' or --file body.json.",
      `e.g. --data '{"instances": [[5.1, 3.5, 1.4, 0.2]]}'`,
    );
  }
  let text = data as string;
  const where = file === undefined ? '--data' : `--file ${file}`;
  if (file !== undefined) {
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw badInput(
        `--file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      );
    }
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw badInput(`${where} is not valid JSON: ${(error as Error).message}`, 'The API takes a JSON body.');
  }
  return text;
}

export function requestPath(path: string | undefined): string {
  const chosen = path ?? '/predict';
  if (!(ROUTES as readonly string[]).includes(chosen)) {
    throw badInput(`--path ${chosen} is not served by the API.`, `Use one of ${ROUTES.join(', ')}.`);
  }
  return chosen;
}

/** The apigateway outputs of `.mlship/<env>.outputs.json` next to release.yaml. */
export async function readGatewayOutputs(releaseFile: string, env: string): Promise<GatewayOutputs> {
  const path = outputsPath(releaseFile, env);
  const deployFirst = `Deploy first: mlship deploy --env ${env}`;
  let unreadable: string | undefined;
  const outputs = (
    await readOutputs(releaseFile, env, (why) => {
      unreadable = why;
    })
  ).apigateway as Partial<GatewayOutputs> | undefined;
  const keys = ['invokeUrl', 'tokenUrl', 'userPoolId', 'clientId', 'apiKeyId', 'scope'] as const;
  const missing = keys.filter((key) => typeof outputs?.[key] !== 'string');
  if (!outputs || missing.length > 0) {
    const why =
      unreadable ?? (outputs ? `missing ${missing.join(', ')}` : `no apigateway outputs in ${path}`);
    throw new MlshipError('CALL_NO_OUTPUTS', `No API Gateway outputs for ${env} yet (${why}).`, {
      hint: `${deployFirst} (an environment with front: apigateway).`,
    });
  }
  return outputs as GatewayOutputs;
}
