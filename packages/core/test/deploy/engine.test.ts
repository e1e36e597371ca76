import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type DeployContext,
  type Deployer,
  type DeployPlan,
  deploy,
  destroy,
  manualClock,
  RecordingIoHost,
  type ResolvedConfig,
  resolvedEnvironmentSchema,
  status,
  type TargetEntry,
} from '../../src/index.js';

interface FakeState {
  exists: boolean;
}

function fakeDeployer(name: string, log: string[], state: FakeState): Deployer<FakeState> {
  return {
    contractVersion: 1,
    name,
    read: async () => ({ ...state }),
    plan: (ctx: DeployContext, current: FakeState): DeployPlan => ({
      target: name,
      changes: [
        current.exists
          ? { action: 'noop', resource: `Fake::${name}`, id: name, reason: 'exists' }
          : {
              action: 'create',
              resource: `Fake::${name}`,
              id: name,
              reason: `after ${Object.keys(ctx.upstream).join(',') || 'nothing'}`,
              diff: [{ field: 'size', before: undefined, after: 2 }],
            },
      ],
      detail: {},
      plannedOutputs: { url: `https://${name}` },
    }),
    apply: async (plan, ctx) => {
      if (plan.changes.some((c) => c.action !== 'noop'))
        log.push(`apply ${name} upstream=${JSON.stringify(ctx.upstream)}`);
      state.exists = true;
      return { url: `https://${name}`, apiKeySecret: 'do-not-write' };
    },
    status: async () => ({ target: name, exists: state.exists, summary: 'ok', detail: {} }),
    destroy: async () => {
      log.push(`destroy ${name}`);
      return { target: name, deleted: [], skipped: [] };
    },
  };
}

async function setup(front: 'none' | 'apigateway' = 'apigateway') {
  const dir = await mkdtemp(join(tmpdir(), 'mlship-engine-'));
  const resolved: ResolvedConfig = {
    env: 'dev',
    file: join(dir, 'release.yaml'),
    config: resolvedEnvironmentSchema.parse({
      name: 'iris',
      model: { framework: 'onnx' },
      region: 'eu-central-1',
      image: { repository: 'iris' },
      sagemaker: { executionRoleArn: 'arn:aws:iam::123456789012:role/x' },
      front,
    }),
  };
  const log: string[] = [];
  const states: Record<string, FakeState> = { a: { exists: false }, b: { exists: false } };
  const targets: TargetEntry[] = [
    { name: 'a', packageName: 'pkg-a', enabled: () => true },
    { name: 'b', packageName: 'pkg-b', enabled: (c) => c.front !== 'none' },
    { name: 'missing', packageName: 'pkg-missing', enabled: (c) => c.front === 'apigee' },
  ];
  const importer = async (specifier: string) => {
    if (specifier === 'pkg-a') return { deployer: fakeDeployer('a', log, states.a!) };
    if (specifier === 'pkg-b') return { deployer: fakeDeployer('b', log, states.b!) };
    throw Object.assign(new Error(`Cannot find package '${specifier}' imported from x`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  };
  const options = (host: RecordingIoHost) => ({
    file: resolved.file,
    env: 'dev',
    host,
    resolved,
    targets,
    importer,
    clock: manualClock(),
  });
  return { dir, log, states, options };
}

describe('deploy orchestrator', () => {
  it('plans every enabled target, prints a diff, applies in order feeding outputs downstream, writes outputs', async () => {
    const { dir, log, options } = await setup();
    const host = new RecordingIoHost();
    const result = await deploy(options(host));
    const plan = host.messages('info')[0] ?? '';
    expect(plan).toBe(
      [
        'Plan for dev:',
        'a: 1 change(s)',
        '  + Fake::a a  (after nothing)',
        '      size: (none) → 2',
        'b: 1 change(s)',
        '  + Fake::b b  (after a)',
        '      size: (none) → 2',
      ].join('\n'),
    );
    expect(log).toEqual([
      'apply a upstream={}',
      'apply b upstream={"a":{"url":"https://a","apiKeySecret":"do-not-write"}}',
    ]);
    const written = JSON.parse(await readFile(join(dir, '.mlship', 'dev.outputs.json'), 'utf8'));
    expect(written).toEqual({ env: 'dev', targets: { a: { url: 'https://a' }, b: { url: 'https://b' } } });
    expect(result.changed).toBe(true);
  });

  it('masks secret outputs in what it prints unless showSecrets is set', async () => {
    const { options } = await setup();
    const host = new RecordingIoHost();
    await deploy(options(host));
    const printed = host.events.find((event) => event.kind === 'result');
    expect(printed?.text).toContain('a.apiKeySecret: ****');
    expect(JSON.stringify(printed?.data)).not.toContain('do-not-write');

    const shown = await setup();
    const showHost = new RecordingIoHost();
    await deploy({ ...shown.options(showHost), showSecrets: true });
    expect(showHost.events.find((event) => event.kind === 'result')?.text).toContain(
      'a.apiKeySecret: do-not-write',
    );
  });

  it('an outputs file that cannot be written after applying is a clear failed deploy, not an internal error', async () => {
    const { dir, log, options } = await setup();
    await writeFile(join(dir, '.mlship'), 'a file where the directory goes');
    const error = await deploy(options(new RecordingIoHost())).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OUTPUTS_NOT_WRITTEN', exitCode: 1 });
    expect((error as Error).message).toContain('The changes were applied');
    expect(log).toHaveLength(2);
  });

  it('prints "no changes" and applies nothing when the plan is empty', async () => {
    const { log, states, options } = await setup();
    states.a!.exists = true;
    states.b!.exists = true;
    const host = new RecordingIoHost();
    const result = await deploy(options(host));
    expect(result.changed).toBe(false);
    const printed = host.events.filter((event) => event.message?.level !== 'debug');
    const texts = printed
      .map((e) => e.message?.message ?? e.text ?? '')
      .filter((t) => t.includes('no changes'));
    // said once (the result), not once by the plan and again by the result
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^dev: no changes\n {2}a: unchanged\n {2}b: unchanged\n/);
    expect(log).toEqual([]);
  });

  it('dry run plans but never applies', async () => {
    const { log, options } = await setup();
    const result = await deploy({ ...options(new RecordingIoHost()), dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(log).toEqual([]);
  });

  it('skips targets not enabled for the environment', async () => {
    const { log, options } = await setup('none');
    const host = new RecordingIoHost();
    await deploy(options(host));
    expect(log).toEqual(['apply a upstream={}']);
  });

  it('asks before applying in a terminal, and stops on "no"', async () => {
    const { log, options } = await setup();
    const host = new RecordingIoHost({ interactive: true, confirmAnswers: [false] });
    await expect(deploy(options(host))).rejects.toMatchObject({ code: 'ABORTED', exitCode: 2 });
    expect(log).toEqual([]);
  });

  it('destroy runs downstream targets first and needs --yes without a terminal', async () => {
    const { log, options } = await setup();
    await expect(destroy(options(new RecordingIoHost()))).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });
    await destroy({ ...options(new RecordingIoHost()), yes: true });
    expect(log).toEqual(['destroy b', 'destroy a']);
  });

  it('rejects a deployer built for another contract version', async () => {
    const { options } = await setup();
    const importer = async () => ({ deployer: { contractVersion: 2, name: 'x' } });
    await expect(deploy({ ...options(new RecordingIoHost()), importer })).rejects.toMatchObject({
      code: 'DEPLOYER_INCOMPATIBLE',
    });
  });
});

describe('no partial deploys', () => {
  it('an enabled target whose package is missing stops the run before anything is read, naming it and how to install it', async () => {
    const { dir, log, options } = await setup();
    const resolved = options(new RecordingIoHost()).resolved;
    const apigee = { ...resolved, config: { ...resolved.config, front: 'apigee' as const } };
    const reads: string[] = [];
    const importer = async (specifier: string) => {
      reads.push(specifier);
      if (specifier === 'pkg-missing') {
        throw Object.assign(new Error(`Cannot find package '${specifier}' imported from x`), {
          code: 'ERR_MODULE_NOT_FOUND',
        });
      }
      return { deployer: fakeDeployer(specifier, log, { exists: false }) };
    };
    const error = await deploy({ ...options(new RecordingIoHost()), resolved: apigee, importer }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'DEPLOYER_MISSING', exitCode: 2 });
    expect((error as Error).message).toContain('pkg-missing is not installed');
    expect((error as Error).message).toContain('Nothing was changed');
    expect((error as { hint: string }).hint).toBe(
      'Install it in the project: npm install --save-dev pkg-missing',
    );
    expect(reads).toEqual(['pkg-a', 'pkg-b', 'pkg-missing']);
    expect(log).toEqual([]);
    await writeFile(join(dir, 'pnpm-lock.yaml'), '');
    const again = await status({ ...options(new RecordingIoHost()), resolved: apigee, importer }).catch(
      (e: unknown) => e,
    );
    expect((again as { hint: string }).hint).toBe('Install it in the project: pnpm add -D pkg-missing');
  });

  it('the summary names every target and what it did', async () => {
    const { states, options } = await setup();
    states.a!.exists = true;
    const host = new RecordingIoHost();
    const result = await deploy(options(host));
    expect(result.summary).toEqual([
      { target: 'a', result: 'unchanged', created: 0, updated: 0, deleted: 0 },
      { target: 'b', result: 'created', created: 1, updated: 0, deleted: 0 },
    ]);
    const text = host.events.find((event) => event.kind === 'result')?.text ?? '';
    expect(text).toMatch(/^Deployed dev:\n {2}a: unchanged\n {2}b: created \(1 created\)\n/);
  });
});
