import { readFile } from 'node:fs/promises';
import { type DeployContext, userError } from '@mlship/core';

/** `${NAME}` in cache.redisUrl: a variable of the deploying process (a CI context secret), expanded at deploy. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The names `${…}` references in a Redis URL, in order of appearance. */
export function referencedVariables(url: string): string[] {
  return [...new Set([...url.matchAll(REFERENCE)].map((match) => match[1] as string))];
}

function unsetError(name: string, where: string) {
  return userError(
    'LAMBDA_REDIS_URL_VAR_UNSET',
    `${where}cache.redisUrl references \${${name}}, but ${name} is not set in the environment of this deploy; nothing was changed.`,
    `set ${name} where mlship deploy runs (in CircleCI: an environment variable of the mlship-<env> context), or write the value into cache.redisUrl`,
  );
}

/** The URL with each `${NAME}` replaced by its value in `env`; an unset (or empty) variable is a user error. */
export function expandRedisUrl(url: string, env: Record<string, string | undefined>, where = ''): string {
  return url.replace(REFERENCE, (_all, name: string) => {
    const value = env[name];
    if (!value) throw unsetError(name, where);
    return value;
  });
}

/** `release.yaml:LINE: ` of the first line of the file that references `${name}`, or '' if it cannot be read. */
async function lineOf(file: string, name: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const lines = text?.split(/\r?\n/) ?? [];
  const index = lines.findIndex((line) => line.includes(`\${${name}}`));
  return index < 0 ? '' : `${file}:${index + 1}: `;
}

/** Read time: fails, naming the variable and its line in release.yaml, when a referenced variable is unset. */
export async function checkRedisUrlVariables(ctx: DeployContext): Promise<void> {
  const { cache } = ctx.resolved.config;
  if (!cache.enabled || !cache.redisUrl) return;
  for (const name of referencedVariables(cache.redisUrl)) {
    if (!ctx.env[name]) throw unsetError(name, await lineOf(ctx.resolved.file, name));
  }
}
