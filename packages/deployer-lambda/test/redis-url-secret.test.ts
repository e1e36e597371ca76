import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlshipError } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { deployer } from '../src/index.js';
import { expandRedisUrl, referencedVariables } from '../src/redis-url.js';
import { context, deployOnce, mutating, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

const URL_WITH_REF = `rediss://:\${REDIS_PASSWORD}@cache.example.com:6379`;
const FIRST = 'first-Secret-4a7b';
const ROTATED = 'rotated-Secret-9c2d';

/** A release.yaml whose line 5 references the variable, and the resolved config pointing at it. */
function config() {
  const dir = mkdtempSync(join(tmpdir(), 'mlship-redis-'));
  const file = join(dir, 'release.yaml');
  writeFileSync(
    file,
    ['name: iris', 'region: us-east-1', 'cache:', '  enabled: true', `  redisUrl: ${URL_WITH_REF}`, ''].join(
      '\n',
    ),
  );
  return { ...resolved({ cache: { enabled: true, redisUrl: URL_WITH_REF } }), file };
}

function envWith(password: string | undefined): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.REDIS_PASSWORD;
  if (password !== undefined) env.REDIS_PASSWORD = password;
  return env;
}

const deployedUrl = () =>
  h.aws.lambda.functions.get('iris-dev-proxy')?.latest.Environment?.Variables?.REDIS_URL;

describe('cache.redisUrl with NAME references', () => {
  it('expands and lists the references, and refuses an unset or empty variable', () => {
    expect(referencedVariables(`redis://\${U}:\${P}@h:1/\${P}`)).toEqual(['U', 'P']);
    expect(expandRedisUrl(URL_WITH_REF, { REDIS_PASSWORD: 'x' })).toBe('rediss://:x@cache.example.com:6379');
    expect(expandRedisUrl('redis://h:6379', {})).toBe('redis://h:6379');
    expect(() => expandRedisUrl(URL_WITH_REF, { REDIS_PASSWORD: '' })).toThrow(/REDIS_PASSWORD/);
  });

  it('sets the expanded URL on the function and prints only the masked form', async () => {
    const ctx = context(config(), { env: envWith(FIRST) });
    const { plan, outputs } = await deployOnce(ctx);
    expect(deployedUrl()).toBe(`rediss://:${FIRST}@cache.example.com:6379`);
    const fn = plan.changes.find((c) => c.resource === 'Lambda::Function');
    expect(fn?.action).toBe('create');
    expect(outputs.cacheEndpoint).toBe('cache.example.com:6379');
    const shown = JSON.stringify([plan.changes, plan.plannedOutputs, outputs, ctx.host.events]);
    expect(shown).not.toContain(FIRST);
  });

  it('makes 0 mutating calls on a re-run with the same secret', async () => {
    await deployOnce(context(config(), { env: envWith(FIRST) }));
    h.aws.calls.length = 0;
    const { plan } = await deployOnce(context(config(), { env: envWith(FIRST) }));
    expect(plan.changes.every((c) => c.action === 'noop')).toBe(true);
    expect(mutating(h.aws)).toEqual([]);
  });

  it('updates the function configuration when the secret is rotated, without printing either value', async () => {
    await deployOnce(context(config(), { env: envWith(FIRST) }));
    h.aws.calls.length = 0;
    const ctx = context(config(), { env: envWith(ROTATED) });
    const { plan } = await deployOnce(ctx);
    const update = plan.changes.find((c) => c.resource === 'Lambda::Function');
    expect(update?.diff).toContainEqual({
      field: 'environment.REDIS_URL',
      before: '(old value)',
      after: 'rediss://:****@cache.example.com:6379',
    });
    expect(mutating(h.aws)).toEqual([
      'lambda.UpdateFunctionConfiguration',
      'lambda.PublishVersion',
      'lambda.UpdateAlias',
    ]);
    expect(deployedUrl()).toBe(`rediss://:${ROTATED}@cache.example.com:6379`);
    const shown = JSON.stringify([plan.changes, ctx.host.events]);
    expect(shown).not.toContain(FIRST);
    expect(shown).not.toContain(ROTATED);
  });

  it('fails with a user error naming the variable and its line before any call when it is unset', async () => {
    await deployOnce(context(config(), { env: envWith(FIRST) }));
    h.aws.calls.length = 0;
    const cfg = config();
    const error = await deployer.read(context(cfg, { env: envWith(undefined) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlshipError);
    expect((error as MlshipError).code).toBe('LAMBDA_REDIS_URL_VAR_UNSET');
    expect((error as MlshipError).exitCode).toBe(2);
    expect((error as MlshipError).message).toContain(
      `${cfg.file}:5: cache.redisUrl references \${REDIS_PASSWORD}`,
    );
    expect(h.aws.calls).toEqual([]);
    expect(deployedUrl()).toBe(`rediss://:${FIRST}@cache.example.com:6379`);
  });
});
