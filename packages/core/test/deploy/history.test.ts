import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Deployer,
  deploy,
  deployError,
  manualClock,
  RecordingIoHost,
  type ResolvedConfig,
  resolvedEnvironmentSchema,
  rollback,
  type TargetEntry,
  userError,
} from '../../src/index.js';

interface Versioned {
  serving?: string;
  desired: string;
  failNextRollback?: boolean;
}

/** A target that serves one version; rollback returns to `to` (none given: nothing to roll back). */
function versioned(name: string, state: Versioned, log: string[]): Deployer<string | undefined> {
  return {
    contractVersion: 1,
    name,
    read: async () => state.serving,
    plan: (_ctx, serving) => ({
      target: name,
      changes: [
        {
          action: serving === state.desired ? 'noop' : serving ? 'update' : 'create',
          resource: `Fake::${name}`,
          id: name,
          reason: `${serving ?? 'none'} → ${state.desired}`,
        },
      ],
      detail: {},
      plannedOutputs: { v: state.desired },
    }),
    apply: async () => {
      state.serving = state.desired;
      return { v: state.serving, originSecret: `secret-of-${name}` };
    },
    status: async () => ({ target: name, exists: true, summary: 'ok', detail: {} }),
    destroy: async () => ({ target: name, deleted: [], skipped: [] }),
    rollback: async (ctx, to) => {
      log.push(`${name} to=${to ?? '(none)'} upstream=${JSON.stringify(ctx.upstream)}`);
      if (!to) throw userError('NO_PREVIOUS_VERSION', `${name} has nothing earlier.`);
      if (to === state.serving) throw userError('ALREADY_CURRENT', `${name} already serves ${to}.`);
      if (state.failNextRollback) {
        state.failNextRollback = false;
        throw deployError('FAKE_FAILED', `${name} did not roll back.`);
      }
      const from = state.serving;
      state.serving = to;
      return { target: name, from, to, outputs: { v: to } };
    },
  };
}

async function setup(cRollsBack = false) {
  const dir = await mkdtemp(join(tmpdir(), 'mlship-history-'));
  const resolved: ResolvedConfig = {
    env: 'dev',
    file: join(dir, 'release.yaml'),
    config: resolvedEnvironmentSchema.parse({
      name: 'iris',
      model: { framework: 'onnx' },
      region: 'eu-central-1',
      image: { repository: 'iris' },
      sagemaker: { executionRoleArn: 'arn:aws:iam::123456789012:role/x' },
    }),
  };
  const log: string[] = [];
  const states: Record<string, Versioned> = {
    a: { desired: 'a1' },
    b: { desired: 'b1' },
    c: { desired: 'c1' },
  };
  const targets: TargetEntry[] = [
    { name: 'a', packageName: 'pkg-a', enabled: () => true, versionKey: 'v' },
    { name: 'b', packageName: 'pkg-b', enabled: () => true, versionKey: 'v' },
    // Like API Gateway: no version of its own and no rollback.
    { name: 'c', packageName: 'pkg-c', enabled: () => true },
  ];
  const importer = async (specifier: string) => {
    const name = specifier.slice('pkg-'.length);
    const deployer = versioned(name, states[name]!, log);
    if (name === 'c' && !cRollsBack) delete deployer.rollback;
    return { deployer };
  };
  let host = new RecordingIoHost();
  const options = () => {
    host = new RecordingIoHost();
    return { file: resolved.file, env: 'dev', host, resolved, targets, importer, clock: manualClock() };
  };
  const release = async (desired: Partial<Record<string, string>>) => {
    for (const [name, version] of Object.entries(desired)) states[name]!.desired = version!;
    await deploy(options());
  };
  const back = async () => {
    log.length = 0;
    await rollback(options());
    return host.events.find((event) => event.kind === 'result')?.text;
  };
  const file = async (kind: 'history' | 'outputs') =>
    JSON.parse(await readFile(join(dir, '.mlship', `dev.${kind}.json`), 'utf8'));
  return { log, states, options, release, back, file, host: () => host };
}

describe('rollback from the deploy history', () => {
  it('after a deploy that changed only b, returns only b (a is left alone and gets the upstream outputs)', async () => {
    const t = await setup();
    await t.release({});
    await t.release({ b: 'b2' });
    expect(await t.back()).toBe('a: unchanged (already at a1)\nb: rolled back b2 → b1');
    expect(t.log).toEqual(['b to=b1 upstream={"a":{"v":"a1"}}']);
    expect(t.states.a!.serving).toBe('a1');
    expect((await t.file('outputs')).targets).toMatchObject({ a: { v: 'a1' }, b: { v: 'b1' } });
    const history = (await t.file('history')).entries;
    expect(history.map((e: { kind: string; versions: object }) => [e.kind, e.versions])).toEqual([
      ['deploy', { a: 'a1', b: 'b1' }],
      ['deploy', { a: 'a1', b: 'b2' }],
      ['rollback', { a: 'a1', b: 'b1' }],
    ]);
    expect(history[2]).toMatchObject({ seq: 3, restores: 1 });
  });

  it('after a deploy that changed a and b, returns both in chain order, b seeing where a went', async () => {
    const t = await setup();
    await t.release({});
    await t.release({ a: 'a2', b: 'b2' });
    expect(await t.back()).toBe('a: rolled back a2 → a1\nb: rolled back b2 → b1');
    expect(t.log).toEqual(['a to=a1 upstream={}', 'b to=b1 upstream={"a":{"v":"a1"}}']);
  });

  it('rolling back twice walks back; a deploy after a rollback is undone to the rolled-back state', async () => {
    const t = await setup();
    await t.release({});
    await t.release({ a: 'a2' });
    await t.release({ b: 'b2' });
    expect(await t.back()).toBe('a: unchanged (already at a2)\nb: rolled back b2 → b1');
    expect(await t.back()).toBe('a: rolled back a2 → a1\nb: unchanged (already at b1)');
    await t.release({ a: 'a3', b: 'b1' });
    expect(await t.back()).toBe('a: rolled back a3 → a1\nb: unchanged (already at b1)');
    // At the first deploy the history has nothing earlier: target by target, and here no target has anything.
    await expect(t.back()).rejects.toMatchObject({ code: 'NO_PREVIOUS_VERSION', exitCode: 2 });
    expect(t.log).toEqual(['a to=(none) upstream={}', 'b to=(none) upstream={"a":{"v":"a1"}}']);
  });

  it('a deploy without changes adds no entry; one that changed only an unversioned target rolls nothing back', async () => {
    const t = await setup();
    await t.release({});
    await t.release({});
    expect((await t.file('history')).entries).toHaveLength(1);
    await t.release({ c: 'c2' });
    await expect(t.back()).rejects.toMatchObject({ code: 'ROLLBACK_NOTHING', exitCode: 2 });
    expect(t.log).toEqual([]);
  });

  it('the history records time and versions but no secrets', async () => {
    const t = await setup();
    await t.release({});
    const text = JSON.stringify(await t.file('history'));
    expect(JSON.stringify(await t.file('outputs'))).not.toContain('secret-of');
    expect(text).not.toMatch(/secret/i);
    expect((await t.file('history')).entries[0]).toEqual({
      seq: 1,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      kind: 'deploy',
      versions: { a: 'a1', b: 'b1' },
    });
  });

  it('a target with a rollback but no version in the history follows: called only when a target before it moved', async () => {
    const t = await setup(true);
    await t.release({});
    await t.release({ a: 'a2', c: 'c2' });
    await t.release({ c: 'c3' });
    await expect(t.back()).rejects.toMatchObject({ code: 'ROLLBACK_NOTHING' });
    expect(t.log).toEqual([]);
    await t.release({ a: 'a3' });
    // c answers that it has nothing to go back to: reported unchanged, a's rollback stands.
    expect(await t.back()).toBe('a: rolled back a3 → a2\nb: unchanged (already at b1)\nc: unchanged');
    expect(t.log.at(-1)).toBe('c to=(none) upstream={"a":{"v":"a2"},"b":{"v":"b1"}}');
  });

  it('a rollback that failed part way can be run again: the target already back is reported unchanged', async () => {
    const t = await setup();
    await t.release({});
    await t.release({ a: 'a2', b: 'b2' });
    t.states.b!.failNextRollback = true;
    await expect(t.back()).rejects.toMatchObject({ code: 'FAKE_FAILED' });
    expect(t.states.a!.serving).toBe('a1');
    expect(await t.back()).toBe('a: unchanged (already at a1)\nb: rolled back b2 → b1');
    expect((await t.file('history')).entries.at(-1)).toMatchObject({
      kind: 'rollback',
      versions: { a: 'a1', b: 'b1' },
    });
  });
});

describe('rollback without history', () => {
  it('a target with nothing to roll back is reported unchanged and does not stop the others', async () => {
    const t = await setup();
    const host = new RecordingIoHost();
    const importer = async (specifier: string) => {
      const name = specifier.slice('pkg-'.length);
      const deployer = versioned(name, t.states[name]!, t.log);
      if (name === 'b') {
        const inner = deployer.rollback!;
        deployer.rollback = (ctx) => inner(ctx, 'b0');
      }
      if (name === 'c') delete deployer.rollback;
      return { deployer };
    };
    await rollback({ ...t.options(), host, importer });
    expect(host.events.find((e) => e.kind === 'result')?.text).toBe(
      'a: unchanged\nb: rolled back (none) → b0',
    );
    expect(t.log).toEqual(['a to=(none) upstream={}', 'b to=b0 upstream={}']);
  });
});
