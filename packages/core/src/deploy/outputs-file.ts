import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MlshipError } from '../errors.js';
import type { Outputs } from './contract.js';

/** `.mlship/<env>.outputs.json` next to release.yaml. */
export function outputsPath(releaseFile: string, env: string): string {
  return join(dirname(releaseFile), '.mlship', `${env}.outputs.json`);
}

const SECRET_KEY = /secret|password|token(?!url)|apikey(?!id)|credential/i;

/** Drops values whose key looks secret, so the file can be shared and committed. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEY.test(key.replace(/[-_]/g, '')))
      .map(([key, inner]) => [key, withoutSecrets(inner)]);
    return Object.fromEntries(entries);
  }
  return value;
}

export async function writeOutputs(
  releaseFile: string,
  env: string,
  outputs: Record<string, Outputs>,
): Promise<string> {
  const path = outputsPath(releaseFile, env);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(withoutSecrets({ env, targets: outputs }), null, 2)}\n`);
  } catch (cause) {
    throw new MlshipError(
      'OUTPUTS_NOT_WRITTEN',
      `The changes were applied, but ${path} could not be written (${(cause as NodeJS.ErrnoException).code ?? String(cause)}).`,
      {
        kind: 'deploy',
        cause,
        hint: `Make ${dirname(path)} writable; \`mlship status --env ${env}\` shows what is deployed.`,
      },
    );
  }
  return path;
}
