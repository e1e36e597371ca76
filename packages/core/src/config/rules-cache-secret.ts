import { type RuleProblem, warning } from './rule-kit.js';
import type { ResolvedEnvironment } from './schema.js';

export const REDIS_PASSWORD_LITERAL_CODE = 'CONFIG_REDIS_PASSWORD_LITERAL';

/** The password part of a Redis URL: after the colon of the userinfo, or all of it (as ioredis reads it). */
function passwordOf(url: string): string | undefined {
  const auth = /^rediss?:\/\/([^@/]*)@/.exec(url)?.[1];
  if (!auth) return undefined;
  const colon = auth.indexOf(':');
  return colon >= 0 ? auth.slice(colon + 1) : auth;
}

/** A password written into release.yaml (a committed file) instead of a `${NAME}` reference to a CI secret. */
export function literalRedisPassword({ cache }: Pick<ResolvedEnvironment, 'cache'>): RuleProblem[] {
  const password = cache.redisUrl ? passwordOf(cache.redisUrl) : undefined;
  if (!password || /^(\$\{[A-Za-z_][A-Za-z0-9_]*\})+$/.test(password)) return [];
  return [
    {
      ...warning(
        ['cache', 'redisUrl'],
        'holds a literal Redis password; release.yaml is committed, so the password is too',
        `write \${REDIS_PASSWORD} in its place and set REDIS_PASSWORD in the CI context of the environment (mlship-<env>); mlship deploy fills it in`,
      ),
      code: REDIS_PASSWORD_LITERAL_CODE,
    },
  ];
}
