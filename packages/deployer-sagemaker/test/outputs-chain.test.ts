import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Deployer,
  deploy,
  destroy,
  manualClock,
  RecordingIoHost,
  rollback,
  status,
  type TargetEntry,
} from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { REPO, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

/** A downstream target (think: the Lambda proxy) that records the upstream it is given at every step. */
function proxyDouble(seen: Record<string, unknown>): Deployer {
  return {
    contractVersion: 1,
    name: 'proxy',
    read: async () => ({}),
    plan: (ctx) => ({
      target: 'proxy',
      changes: [{ action: 'update', resource: 'Proxy::Alias', id: 'live', reason: 'points at the endpoint' }],
      detail: {},
      plannedOutputs: { endpoint: ctx.upstream.sagemaker?.endpointName },
    }),
    apply: async (_plan, ctx) => {
      seen.apply = ctx.upstream;
      return { aliasArn: 'arn:proxy:live', modelVersion: ctx.upstream.sagemaker?.modelVersion };
    },
    status: async (ctx) => {
      seen.status = ctx.upstream;
      return { target: 'proxy', exists: true, summary: 'ok', detail: {} };
    },
    rollback: async (ctx) => {
      seen.rollback = ctx.upstream;
      return {
        target: 'proxy',
        from: '2',
        to: '1',
        outputs: { modelVersion: ctx.upstream.sagemaker?.modelVersion },
      };
    },
    destroy: async (ctx) => {
      seen.destroy = ctx.upstream;
      return { target: 'proxy', deleted: [{ resource: 'Proxy::Alias', id: 'live' }], skipped: [] };
    },
  };
}

const TARGETS: TargetEntry[] = [
  { name: 'sagemaker', packageName: '@mlship/deployer-sagemaker', enabled: () => true },
  { name: 'proxy', packageName: '@test/proxy-double', enabled: () => true },
];

describe('outputs across deploy → rollback → status → destroy (two targets, one a double)', () => {
  it('keeps every target in the file, feeds each deployer the outputs before it, and destroy removes them', async () => {
    const seen: Record<string, unknown> = {};
    const importer = async (specifier: string) =>
      specifier === '@test/proxy-double' ? { deployer: proxyDouble(seen) } : import('../src/index.js');
    const config = resolved(h.dir.path);
    const base = {
      file: config.file,
      env: 'dev',
      resolved: config,
      importer,
      targets: TARGETS,
      clock: manualClock(Date.now()),
      processEnv: { ...process.env },
      cwd: h.dir.path,
    };
    const file = join(h.dir.path, '.mlship', 'dev.outputs.json');
    const read = async () => JSON.parse(await readFile(file, 'utf8')).targets;

    const v1 = await deploy({ ...base, host: new RecordingIoHost(), imageTag: 'v1' });
    const v1Sm = v1.outputs.sagemaker!;
    expect(v1Sm.modelVersion).toMatch(/^[a-z0-9]{8}$/);
    expect(String(v1Sm.modelName).endsWith(String(v1Sm.modelVersion))).toBe(true);
    h.aws.ecr.putImage(REPO, 'v2');
    const v2 = await deploy({ ...base, host: new RecordingIoHost(), imageTag: 'v2' });
    expect(v2.outputs.sagemaker?.modelVersion).not.toBe(v1Sm.modelVersion);
    expect(seen.apply).toEqual({ sagemaker: v2.outputs.sagemaker });

    await rollback({ ...base, host: new RecordingIoHost() });
    const afterRollback = await read();
    expect(Object.keys(afterRollback).sort()).toEqual(['proxy', 'sagemaker']);
    expect(afterRollback.sagemaker).toMatchObject({
      endpointConfigName: v1Sm.endpointConfigName,
      modelName: v1Sm.modelName,
      modelVersion: v1Sm.modelVersion,
      imageUri: v1Sm.imageUri,
    });
    // the proxy rolls back after sagemaker and sees where sagemaker went
    expect(seen.rollback).toEqual({ sagemaker: afterRollback.sagemaker });
    expect(afterRollback.proxy).toEqual({ aliasArn: 'arn:proxy:live', modelVersion: v1Sm.modelVersion });

    await status({ ...base, host: new RecordingIoHost() });
    expect(seen.status).toEqual({ sagemaker: afterRollback.sagemaker });
    expect(await read()).toEqual(afterRollback);

    await destroy({ ...base, host: new RecordingIoHost(), yes: true });
    expect(seen.destroy).toEqual({ sagemaker: afterRollback.sagemaker });
    expect(await read()).toEqual({});
  });
});
