import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MlshipError } from '../errors.js';
import type { Outputs } from './contract.js';

/** `.mlship/<env>.outputs.json` next to release.yaml. */
export function outputsPath(releaseFile: string, env: string): string {
  return join(dirname(releaseFile), '.mlship', `${env}.outputs.json`);
}

const SECRET_KEY = /secret|password|token(?!url)|apikey(?!id)|credential/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replace(/[-_]/g, ''));
}

/** Replaces values whose key looks secret with a mask, for printing (`--show-secrets` prints them as they are). */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        isSecretKey(key) && inner !== undefined && inner !== null ? '****' : maskSecrets(inner),
      ]),
    );
  }
  return value;
}

/** Drops values whose key looks secret, so the file can be shared and committed. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !isSecretKey(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/** The last known outputs per target; an absent or unreadable file is no outputs (a warning says why). */
export async function readOutputs(
  releaseFile: string,
  env: string,
  onUnreadable: (why: string) => void = () => {},
): Promise<Record<string, Outputs>> {
  const path = outputsPath(releaseFile, env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onUnreadable(`${path}: ${String(error)}`);
    return {};
  }
  try {
    const parsed = JSON.parse(text) as { targets?: unknown };
    const targets = parsed.targets;
    if (targets && typeof targets === 'object' && !Array.isArray(targets)) {
      return targets as Record<string, Outputs>;
    }
    onUnreadable(`${path} has no "targets" object`);
  } catch (error) {
    onUnreadable(`${path} is not JSON (${(error as Error).message})`);
  }
  return {};
}

/**
 * Merges `outputs` into the file per target (a target given replaces its entry, `undefined` removes it, others are
 * kept) and writes it atomically: a temporary file in the same directory, then a rename.
 */
export async function writeOutputs(
  releaseFile: string,
  env: string,
  outputs: Record<string, Outputs | undefined>,
): Promise<string> {
  const path = outputsPath(releaseFile, env);
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const merged: Record<string, Outputs> = { ...(await readOutputs(releaseFile, env)) };
    for (const [target, values] of Object.entries(outputs)) {
      if (values === undefined) delete merged[target];
      else merged[target] = values;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, `${JSON.stringify(withoutSecrets({ env, targets: merged }), null, 2)}\n`);
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => {});
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
