import { describe, expect, it } from 'vitest';
import { engine, ops, REPO, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

async function deployTags(...tags: string[]): Promise<string[]> {
  const configs: string[] = [];
  for (const tag of tags) {
    h.aws.ecr.putImage(REPO, tag);
    const result = await engine(h, resolved(h.dir.path, { keepVersions: 3 }), { imageTag: tag }).deploy();
    configs.push(String(result.outputs.sagemaker?.endpointConfigName));
  }
  h.aws.calls.length = 0;
  return configs;
}

describe('rollback, status, destroy, version retention', () => {
  it('`rollback` returns to the previous endpoint config by default', async () => {
    const [v1, v2] = await deployTags('v1', 'v2');
    const e = engine(h, resolved(h.dir.path, { keepVersions: 3 }));
    const [report] = await e.rollback();
    expect(report).toMatchObject({ from: v2, to: v1 });
    expect(ops(h.aws)).toEqual(['UpdateEndpoint', 'AddTags']);
    expect(h.aws.sagemaker.requireEndpoint('iris-dev')).toMatchObject({
      EndpointStatus: 'InService',
      EndpointConfigName: v1,
    });
  });

  it('a second `rollback` keeps going back instead of returning to the version the first one left', async () => {
    const [v1, v2, v3] = await deployTags('v1', 'v2', 'v3');
    const e = engine(h, resolved(h.dir.path, { keepVersions: 3 }));
    expect((await e.rollback())[0]).toMatchObject({ from: v3, to: v2 });
    expect((await e.rollback())[0]).toMatchObject({ from: v2, to: v1 });
    expect(h.aws.sagemaker.requireEndpoint('iris-dev').EndpointConfigName).toBe(v1);
  });

  it('redeploying an earlier image reuses its kept model and config: only the endpoint moves', async () => {
    const [v1] = await deployTags('v1', 'v2');
    const result = await engine(h, resolved(h.dir.path, { keepVersions: 3 }), { imageTag: 'v1' }).deploy();
    expect(result.outputs.sagemaker?.endpointConfigName).toBe(v1);
    expect(ops(h.aws)).toEqual(['UpdateEndpoint', 'AddTags']);
  });

  it('`rollback` across an instance-type change deregisters autoscaling, updates, then registers it again', async () => {
    const autoscaling = { enabled: true, minInstances: 1, maxInstances: 3 };
    await engine(h, resolved(h.dir.path, { autoscaling })).deploy();
    await engine(h, resolved(h.dir.path, { autoscaling, instance: { type: 'ml.c5.xlarge' } })).deploy();
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path, { autoscaling })).rollback();
    expect(ops(h.aws)).toEqual([
      'DeregisterScalableTarget',
      'UpdateEndpoint',
      'RegisterScalableTarget',
      'PutScalingPolicy',
      'AddTags',
    ]);
    expect(h.aws.sagemaker.requireEndpoint('iris-dev').ProductionVariants[0]?.InstanceType).toBe(
      'ml.m5.large',
    );
  });

  it('`rollback --to` an unknown config is a user error listing the versions', async () => {
    const [v1] = await deployTags('v1', 'v2');
    const error = await engine(h, resolved(h.dir.path))
      .rollback('iris-dev-cdoesnotexist')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNKNOWN_VERSION', exitCode: 2 });
    expect((error as { hint: string }).hint).toContain(v1);
  });

  it("`rollback --to` another environment's config is refused before anything changes", async () => {
    await deployTags('v1', 'v2');
    const prod = await engine(h, resolved(h.dir.path, {}, 'prod')).deploy();
    const prodConfig = String(prod.outputs.sagemaker?.endpointConfigName);
    h.aws.calls.length = 0;
    const error = await engine(h, resolved(h.dir.path))
      .rollback(prodConfig)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNKNOWN_VERSION', exitCode: 2 });
    expect(ops(h.aws)).toEqual([]);
  });

  it('keeps the last keepVersions configs and models and deletes older unused ones', async () => {
    const configs = await deployTags('v1', 'v2', 'v3', 'v4', 'v5');
    const left = [...h.aws.sagemaker.endpointConfigs.keys()].sort();
    expect(left).toEqual(configs.slice(2).sort());
    expect(h.aws.sagemaker.models.size).toBe(3);
  });

  it('`status` reports the endpoint, its config, instances and versions', async () => {
    const [v1] = await deployTags('v1');
    const [report] = await engine(h, resolved(h.dir.path)).status();
    expect(report?.summary).toBe(`iris-dev InService on ${v1} (1 x ml.m5.large)`);
    expect(report?.detail).toMatchObject({ endpointConfigName: v1, status: 'InService' });
  });

  it('`destroy` deletes only resources tagged for this app and env', async () => {
    await deployTags('v1');
    h.aws.sagemaker.seedModel({ name: 'iris-dev-handmade', tags: { owner: 'someone' } });
    h.aws.sagemaker.seedModel({
      name: 'iris-dev-prodcopy',
      tags: { 'mlship:app': 'iris', 'mlship:env': 'prod' },
    });
    const e = engine(h, resolved(h.dir.path));
    const [report] = await e.destroy({ yes: true });
    expect(h.aws.sagemaker.endpoints.size).toBe(0);
    expect([...h.aws.sagemaker.models.keys()].sort()).toEqual(['iris-dev-handmade', 'iris-dev-prodcopy']);
    expect(h.aws.sagemaker.endpointConfigs.size).toBe(0);
    expect(report?.skipped.map((s) => s.id).sort()).toEqual(['iris-dev-handmade', 'iris-dev-prodcopy']);
  });

  it('`destroy` leaves an untagged endpoint of the same name alone', async () => {
    h.aws.sagemaker.seedEndpoint({ name: 'iris-dev', configName: 'handmade', modelName: 'handmade' });
    const [report] = await engine(h, resolved(h.dir.path)).destroy({ yes: true });
    expect(h.aws.sagemaker.endpoints.has('iris-dev')).toBe(true);
    expect(report?.skipped[0]).toMatchObject({ resource: 'SageMaker::Endpoint', id: 'iris-dev' });
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('`destroy` without --yes and without a terminal refuses (exit 2)', async () => {
    await deployTags('v1');
    const error = await engine(h, resolved(h.dir.path))
      .destroy()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIRMATION_REQUIRED', exitCode: 2 });
    expect(h.aws.mutatingCalls()).toEqual([]);
  });
});
