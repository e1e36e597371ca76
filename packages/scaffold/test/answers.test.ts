import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlshipError } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import {
  checkAnswerWith,
  completeAnswers,
  frontOf,
  PLACEHOLDER_ROLE_ARN,
  partialCommand,
  resolveAnswers,
} from '../src/index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'mlship-answers-'));

async function rejection(promise: Promise<unknown>): Promise<MlshipError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MlshipError);
  return error as MlshipError;
}

describe('resolveAnswers', () => {
  it('--yes fills every default: custom model, dev/staging/prod, placeholders marked', async () => {
    const { answers, missing } = await resolveAnswers({ name: 'demo' }, undefined, { yes: true, env: {} });
    expect(missing).toEqual([]);
    expect(answers).toMatchObject({
      name: 'demo',
      framework: 'custom',
      environments: ['dev', 'staging', 'prod'],
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      volumeSize: 30,
      autoscaling: { enabled: false, min: 1, max: 4, target: 100 },
      cache: { enabled: false, ttl: 3600, provision: false },
      region: 'us-east-1',
      executionRoleArn: PLACEHOLDER_ROLE_ARN,
      git: false,
      dir: './demo',
    });
    expect(answers?.modelFile).toBeUndefined();
    expect(answers?.apigee?.organization).toBe('my-apigee-org');
    expect(answers && frontOf(answers, 'dev')).toBe('apigateway');
    expect(answers && frontOf(answers, 'prod')).toBe('apigee');
  });

  it('takes the default region from AWS_REGION and git from the work tree', async () => {
    const { answers } = await resolveAnswers({ name: 'demo' }, undefined, {
      yes: true,
      env: { AWS_REGION: 'eu-west-1' },
      insideGitTree: true,
    });
    expect(answers?.region).toBe('eu-west-1');
    expect(answers?.git).toBe(true);
  });

  it('flags win over the answers file; relative paths in the file are relative to it', async () => {
    const dir = tmp();
    const file = join(dir, 'a.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'from-file', region: 'eu-west-1', modelFile: 'm.onnx', team: 'a' }),
    );
    const { answers } = await resolveAnswers(
      { team: 'b', envs: 'prod,dev', front: 'prod=apigateway' },
      file,
      {
        yes: true,
      },
    );
    expect(answers).toMatchObject({
      name: 'from-file',
      region: 'eu-west-1',
      team: 'b',
      framework: 'onnx',
      modelFile: join(dir, 'm.onnx'),
      environments: ['dev', 'prod'],
      fronts: { prod: 'apigateway' },
    });
    expect(answers?.apigee).toBeUndefined();
  });

  it('without a terminal and with --yes reports what has no default: the name and the onnx model file', async () => {
    const result = await resolveAnswers({ framework: 'onnx' }, undefined, { interactive: false, yes: true });
    expect(result.answers).toBeUndefined();
    expect(result.missing).toEqual(['name', 'modelFile']);
  });

  it('without a terminal and without --yes reports every relevant answer not given', async () => {
    const result = await resolveAnswers({ name: 'x1', framework: 'custom' }, undefined, {
      interactive: false,
    });
    expect(result.answers).toBeUndefined();
    expect(result.missing.slice(0, 3)).toEqual(['environments', 'fronts', 'region']);
    expect(result.missing).toContain('executionRoleArn');
    expect(result.missing).not.toContain('modelFile');
    expect(result.missing).not.toContain('dir');
  });

  it('in a terminal leaves every relevant gap to the prompts, in order', async () => {
    const result = await resolveAnswers({ name: 'x1', framework: 'custom', cache: false }, undefined, {
      interactive: true,
    });
    expect(result.missing[0]).toBe('environments');
    expect(result.missing).not.toContain('modelFile');
    expect(result.missing).not.toContain('cache.ttl');
    expect(result.missing).toContain('autoscaling.enabled');
  });

  it('rejects bad flags before prompting, naming the flag', async () => {
    const error = await rejection(
      resolveAnswers({ name: 'x1', instanceCount: '0', region: 'mars-1' }, undefined, { interactive: true }),
    );
    expect(error.code).toBe('INIT_ANSWERS_INVALID');
    expect(error.message).toContain('--instance-count');
    expect(error.message).toContain('--region');
    expect(error.exitCode).toBe(2);
  });

  it('rejects malformed flag shapes with the expected form', async () => {
    const front = await rejection(
      resolveAnswers({ name: 'x1', front: 'dev:apigee' }, undefined, { yes: true }),
    );
    expect(front.message).toContain('--front');
    const envs = await rejection(
      resolveAnswers({ name: 'x1', envs: 'dev,preprod' }, undefined, { yes: true }),
    );
    expect(envs.message).toMatch(/--envs.*dev, qa, staging, prod/);
    const tag = await rejection(resolveAnswers({ name: 'x1', tag: ['novalue'] }, undefined, { yes: true }));
    expect(tag.message).toContain('--tag');
    const count = await rejection(
      resolveAnswers({ name: 'x1', instanceCount: 'two' }, undefined, { yes: true }),
    );
    expect(count.message).toContain('--instance-count');
  });

  it('rejects invalid model names (they become AWS resource names)', async () => {
    for (const name of ['1model', 'has_underscore', 'ends-', 'x'.repeat(41), 'a']) {
      const error = await rejection(resolveAnswers({ name }, undefined, { yes: true }));
      expect(error.message).toContain('<model>');
    }
  });

  it('points at the line and column of a broken answers file and rejects unknown keys', async () => {
    const dir = tmp();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "name": "x1",\n  "region" "eu"\n}');
    const parse = await rejection(resolveAnswers({}, broken, { yes: true }));
    expect(parse.message).toContain(`${broken}:3:`);
    const unknown = join(dir, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ name: 'x1', regoin: 'eu-west-1' }));
    const keys = await rejection(resolveAnswers({}, unknown, { yes: true }));
    expect(keys.message).toContain('"regoin"');
  });
});

describe('completeAnswers', () => {
  it('requires a model file for onnx and Redis settings for the cache', () => {
    expect(() => completeAnswers({ name: 'x1', framework: 'onnx' })).toThrow(/--model-file/);
    expect(() =>
      completeAnswers({ name: 'x1', cache: { enabled: true, redisUrl: 'redis://r:6379', provision: true } }),
    ).toThrow(/--provision-redis/);
  });

  it('drops answers that no longer matter', () => {
    const answers = completeAnswers({
      name: 'x1',
      framework: 'custom',
      modelFile: 'ignored.onnx',
      environments: ['dev'],
      apigee: { organization: 'org' },
      cache: { enabled: false, redisUrl: 'redis://r' },
    });
    expect(answers.modelFile).toBeUndefined();
    expect(answers.apigee).toBeUndefined();
    expect(answers.cache).toEqual({ enabled: false, ttl: 3600, provision: false });
  });

  it('takes one Apigee environment for all, or one per environment', async () => {
    const all = await resolveAnswers({ name: 'x1', apigeeOrg: 'acme', apigeeEnv: 'eval' }, undefined, {
      yes: true,
    });
    expect(all.answers?.apigee?.environments).toMatchObject({ staging: 'eval', prod: 'eval' });
    const per = await resolveAnswers({ name: 'x1', apigeeEnv: 'prod=live' }, undefined, { yes: true });
    expect(per.answers?.apigee?.environments).toEqual({ staging: 'staging', prod: 'live' });
    expect(per.answers?.fronts).toEqual({ dev: 'apigateway', staging: 'apigee', prod: 'apigee' });
  });
});

describe('instance types and regions', () => {
  it('knows the instance types of the price table and suggests ones of the same family', async () => {
    const ok = await resolveAnswers({ name: 'x1', instanceType: 'ml.g4dn.xlarge' }, undefined, { yes: true });
    expect(ok.answers?.instanceType).toBe('ml.g4dn.xlarge');
    const bad = await rejection(
      resolveAnswers({ name: 'x1', instanceType: 'ml.m5.huge' }, undefined, { yes: true }),
    );
    expect(bad.message).toMatch(/--instance-type.*ml\.m5\.large/);
  });

  it('uses the placeholder role of the region partition and rejects a role of another partition', async () => {
    const gov = await resolveAnswers({ name: 'x1', region: 'us-gov-west-1' }, undefined, { yes: true });
    expect(gov.answers?.executionRoleArn).toMatch(/^arn:aws-us-gov:iam::/);
    const wrong = await rejection(
      resolveAnswers(
        { name: 'x1', region: 'cn-north-1', roleArn: 'arn:aws:iam::123456789012:role/x' },
        undefined,
        {
          yes: true,
        },
      ),
    );
    expect(wrong.message).toContain('--role-arn');
  });
});

describe('implied answers', () => {
  it('a Redis URL or autoscaling bounds turn the feature on unless it is turned off explicitly', async () => {
    const on = await resolveAnswers(
      { name: 'x1', redisUrl: 'redis://r:6379', maxInstances: '6' },
      undefined,
      {
        yes: true,
      },
    );
    expect(on.answers?.cache).toMatchObject({ enabled: true, redisUrl: 'redis://r:6379', provision: false });
    expect(on.answers?.autoscaling).toMatchObject({ enabled: true, max: 6 });
    const off = await resolveAnswers({ name: 'x1', redisUrl: 'redis://r:6379', cache: false }, undefined, {
      yes: true,
    });
    expect(off.answers?.cache).toEqual({ enabled: false, ttl: 3600, provision: false });
  });
});

describe('answers checked at the prompt', () => {
  const given = { instanceCount: 2, autoscaling: { enabled: true, min: 3 } };

  it.each([
    ['autoscaling.max', 2, given, 'the maximum must be at least the minimum (3)'],
    [
      'autoscaling.min',
      3,
      { instanceCount: 2, autoscaling: { enabled: true } },
      'the minimum must be at most the instance count (2): autoscaling keeps the count between minimum and maximum',
    ],
    [
      'autoscaling.max',
      1,
      { instanceCount: 2, autoscaling: { enabled: true, min: 1 } },
      'the maximum must be at least the instance count (2): autoscaling keeps the count between minimum and maximum',
    ],
    [
      'executionRoleArn',
      'arn:aws:iam::111122223333:role/x',
      { region: 'cn-north-1' },
      'region cn-north-1 needs a role in partition aws-cn (arn:aws-cn:iam::...)',
    ],
    ['region', 'us-east-9', {}, 'us-east-9 is not an AWS region mlship knows; did you mean us-east-1?'],
    ['instanceCount', 0, {}, 'a whole number from 1 to 100'],
    ['volumeSize', 1.5, {}, 'a whole number from 1 to 512'],
  ] as const)('%s = %j with %j: %s', (path, value, known, message) => {
    expect(checkAnswerWith(path, value, known)).toBe(message);
  });

  it('accepts answers that fit, and rules whose fields are not all known yet', () => {
    expect(checkAnswerWith('autoscaling.max', 4, given)).toBe(true);
    expect(checkAnswerWith('autoscaling.min', 5, { autoscaling: { enabled: true } })).toBe(true);
    expect(checkAnswerWith('region', 'eu-west-1', {})).toBe(true);
  });

  it('keeps what was typed in a command when the final check still fails', () => {
    const command = partialCommand({
      name: 'x1',
      framework: 'custom',
      ...given,
      autoscaling: { enabled: true, min: 3, max: 2 },
    });
    expect(command).toMatch(
      /^npx mlship init x1 --framework custom .*--autoscaling --min-instances 3 --max-instances 2 /,
    );
    expect(() =>
      completeAnswers({
        name: 'x1',
        framework: 'custom',
        ...given,
        autoscaling: { enabled: true, min: 3, max: 2 },
      }),
    ).toThrow(/min must not exceed max/);
  });
});
