import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from './init-build.js';

beforeAll(() => ensureBuilt(), 240_000);

const SECRET = 'pw-Hunter2-x9';
const env = { ...process.env, CI: '1', AWS_REGION: '', AWS_DEFAULT_REGION: '', NO_COLOR: '1' };

describe('mlship init --redis-url with a password', () => {
  it('writes and commits a REDIS_PASSWORD reference instead, and says where to set it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mlship-cli-redis-'));
    const args = ['init', 'demo', '--yes', '--no-vendor', '--git', '--envs', 'dev,prod'];
    args.push('--cache', '--redis-url', `rediss://:${SECRET}@cache.acme.io:6379`);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, env });
    expect(stdout + stderr).not.toContain(SECRET);
    expect(stderr).toContain('warning: The Redis password is not written to release.yaml');
    expect(stderr).toContain('mlship-dev, mlship-prod');
    const release = readFileSync(join(cwd, 'demo', 'release.yaml'), 'utf8');
    expect(release).toContain(`redisUrl: "rediss://:\${REDIS_PASSWORD}@cache.acme.io:6379"`);
    const grep = (...more: string[]) =>
      execFileSync('git', ['grep', '-c', ...more], { cwd: join(cwd, 'demo'), encoding: 'utf8' });
    expect(grep('-F', 'REDIS_PASSWORD', 'HEAD', '--', 'release.yaml')).toContain('release.yaml:1');
    expect(() => grep('-F', SECRET, 'HEAD')).toThrow();
  });
});
