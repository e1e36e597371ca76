import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRelease } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import {
  completeAnswers,
  equivalentCommand,
  init,
  redisPasswordNotice,
  renderProject,
  withoutRedisPassword,
} from '../src/index.js';
import { redactRedisPassword } from '../src/redis-secret.js';

const SECRET = 'hunter2-Pw9';
const REF = `\${REDIS_PASSWORD}`;
const withPassword = (redisUrl = `rediss://:${SECRET}@cache.acme.io:6380/0`) =>
  completeAnswers({ name: 'demo', environments: ['dev', 'prod'], cache: { enabled: true, redisUrl } });

describe('init never writes a Redis password', () => {
  it('replaces the password (or a bare userinfo, which ioredis reads as one) with a reference', () => {
    expect(redactRedisPassword(`redis://:${SECRET}@h:6379`)).toBe(`redis://:${REF}@h:6379`);
    expect(redactRedisPassword('rediss://app:p%40ss@h:6380/2')).toBe(`rediss://app:${REF}@h:6380/2`);
    expect(redactRedisPassword(`redis://${SECRET}@h`)).toBe(`redis://:${REF}@h`);
    expect(redactRedisPassword('redis://h:6379')).toBeUndefined();
    expect(redactRedisPassword('redis://app:@h:6379')).toBeUndefined();
    expect(redactRedisPassword(`redis://:${REF}@h:6379`)).toBeUndefined();
    expect(withoutRedisPassword(withPassword('redis://h:6379')).redacted).toBe(false);
  });

  it('renders release.yaml with the reference, which the loader accepts, and no file holds the password', async () => {
    const files = await renderProject(withPassword());
    for (const file of files) expect(file.contents.toString(), file.path).not.toContain(SECRET);
    const text = files.find((f) => f.path === 'release.yaml')?.contents.toString() ?? '';
    const release = parseRelease(text, 'release.yaml');
    for (const { config } of release.environments) {
      expect(config.cache.redisUrl).toBe(`rediss://:${REF}@cache.acme.io:6380/0`);
    }
  });

  it('prints the equivalent command with the reference, quoted so the shell does not expand it', () => {
    const command = equivalentCommand(withPassword());
    expect(command).not.toContain(SECRET);
    expect(command).toContain(`--redis-url 'rediss://:${REF}@cache.acme.io:6380/0'`);
    expect(equivalentCommand(withPassword('redis://r:6379'))).toContain('--redis-url redis://r:6379');
  });

  it('tells where to set REDIS_PASSWORD: the CircleCI context of each environment', () => {
    const notice = redisPasswordNotice(['dev', 'prod']);
    expect(notice).toContain('REDIS_PASSWORD');
    expect(notice).toContain('mlship-dev, mlship-prod');
  });

  it('with --git, commits no password', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mlship-redis-')), 'demo');
    const answers = { ...withPassword(), git: true, dir };
    const result = await init(answers);
    expect(result.git?.commit).toBeTruthy();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    expect(git('grep', '-c', REF, 'HEAD', '--', 'release.yaml')).toMatch(/release\.yaml:1$/m);
    expect(() => git('grep', '-F', SECRET, 'HEAD')).toThrow();
    expect(() => git('grep', '-F', SECRET)).toThrow();
  });
});
