import { formatProblem } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { literalRedisPassword } from '../../src/config/rules-cache-secret.js';
import { valid, withLines } from './fixtures.js';

const cacheLine = (url: string) => `cache: { enabled: true, ttl: 3600, redisUrl: '${url}' }`;
const REF = `\${REDIS_PASSWORD}`;

describe('cache.redisUrl secrets', () => {
  it('accepts a NAME reference in place of the password, without a warning', () => {
    const { environments, warnings } = valid(
      withLines({ 10: cacheLine(`rediss://:${REF}@cache.example.com:6379`) }),
    );
    expect(environments[0]?.config.cache.redisUrl).toBe(`rediss://:${REF}@cache.example.com:6379`);
    expect(warnings.map(formatProblem).join('\n')).not.toContain('redisUrl');
  });

  it('warns at the line and column of a literal password', () => {
    const { warnings } = valid(withLines({ 10: cacheLine('redis://app:hunter2@cache.example.com:6379') }));
    expect(warnings.map(formatProblem)).toEqual([
      `release.yaml:10:46 cache.redisUrl: holds a literal Redis password; release.yaml is committed, so the password is too (write ${REF} in its place and set REDIS_PASSWORD in the CI context of the environment (mlship-<env>); mlship deploy fills it in)`,
    ]);
  });

  it('codes the warning, and counts a bare userinfo as a password (ioredis reads it so)', () => {
    const cache = (redisUrl: string) =>
      ({ cache: { redisUrl } }) as Parameters<typeof literalRedisPassword>[0];
    expect(literalRedisPassword(cache('redis://s3cret@h:6379'))[0]?.code).toBe(
      'CONFIG_REDIS_PASSWORD_LITERAL',
    );
    expect(literalRedisPassword(cache('redis://h:6379'))).toEqual([]);
    expect(literalRedisPassword(cache('redis://app:@h:6379'))).toEqual([]);
    expect(literalRedisPassword(cache(`redis://app:${REF}@h:6379`))).toEqual([]);
    expect(literalRedisPassword(cache(`redis://app:x${REF}@h:6379`))).toHaveLength(1);
  });
});
