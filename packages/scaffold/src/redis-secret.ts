import type { InitAnswers } from './answers.js';

/** The variable release.yaml references in place of a Redis password; set in the CI context of each environment. */
export const REDIS_PASSWORD_VARIABLE = 'REDIS_PASSWORD';
const REFERENCE = `\${${REDIS_PASSWORD_VARIABLE}}`;

/**
 * The URL with its password replaced by `${REDIS_PASSWORD}` (undefined when it holds none). Without a colon the
 * userinfo is the password, as ioredis (the proxy's client) reads it; a `${…}` reference is kept as it is.
 */
export function redactRedisPassword(url: string): string | undefined {
  const match = /^(rediss?:\/\/)([^@/]*)@/.exec(url);
  if (!match) return undefined;
  const [whole, scheme, auth = ''] = match;
  const colon = auth.indexOf(':');
  const user = colon >= 0 ? auth.slice(0, colon) : '';
  const password = colon >= 0 ? auth.slice(colon + 1) : auth;
  if (password === '' || /^\$\{\w+\}$/.test(password)) return undefined;
  return `${scheme}${user}:${REFERENCE}@${url.slice(whole.length)}`;
}

/** The answers with no Redis password in them: what init writes, commits and prints. */
export function withoutRedisPassword(answers: InitAnswers): { answers: InitAnswers; redacted: boolean } {
  const url = answers.cache.redisUrl;
  const redacted = url ? redactRedisPassword(url) : undefined;
  if (!redacted) return { answers, redacted: false };
  return { answers: { ...answers, cache: { ...answers.cache, redisUrl: redacted } }, redacted: true };
}

/** What the user must do after init moved the password out of release.yaml. */
export function redisPasswordNotice(environments: readonly string[]): string {
  const contexts = environments.map((env) => `mlship-${env}`).join(', ');
  return `The Redis password is not written to release.yaml: cache.redisUrl references ${REFERENCE} instead. Set ${REDIS_PASSWORD_VARIABLE} to the password in the CircleCI context of each environment (${contexts}); mlship deploy fills it in.`;
}
