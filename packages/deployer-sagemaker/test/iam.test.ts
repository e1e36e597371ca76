import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvedEnvironmentSchema } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { desiredState } from '../src/desired.js';
import { CALLS } from '../src/iam.js';
import { deployer } from '../src/index.js';
import { planSageMaker } from '../src/plan.js';
import type { CurrentState } from '../src/read.js';

const SRC = join(import.meta.dirname, '../src');

/** Every `new XxxCommand(` in the deployer's source. */
function commandsCalled(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of readdirSync(SRC).filter((f) => f.endsWith('.ts'))) {
    for (const [, name] of readFileSync(join(SRC, file), 'utf8').matchAll(/new (\w+)Command\(/g)) {
      found.set(name!, [...(found.get(name!) ?? []), file]);
    }
  }
  return found;
}

describe('iam.ts declares the IAM action of every call the deployer makes', () => {
  it('has an entry for each SDK command in src/ (so the declared policy cannot drift)', () => {
    const called = commandsCalled();
    expect(called.size).toBeGreaterThan(15);
    const undeclared = [...called]
      .filter(([name]) => !CALLS[name])
      .map(([n, files]) => `${n} in ${files.join(', ')}`);
    expect(undeclared).toEqual([]);
  });

  it('declares no call the source does not make', () => {
    const called = commandsCalled();
    expect(Object.keys(CALLS).filter((name) => !called.has(name))).toEqual([]);
  });

  it('each action belongs to the service of its command', () => {
    for (const [name, call] of Object.entries(CALLS)) {
      expect(call.action, name).toMatch(new RegExp(`^(sagemaker|ecr|application-autoscaling):${name}$`));
    }
  });
});

describe('permissions(ctx, plan): what the apply of the plan calls, on the resources it names', () => {
  const resolved = {
    env: 'prod',
    file: 'release.yaml',
    config: resolvedEnvironmentSchema.parse({
      name: 'iris',
      model: { framework: 'onnx' },
      region: 'eu-central-1',
      image: { repository: 'iris' },
      sagemaker: { executionRoleArn: 'arn:aws:iam::123456789012:role/x' },
    }),
  };
  // biome-ignore lint/suspicious/noExplicitAny: permissions and plan read only ctx.resolved
  const ctx = { resolved } as any;
  const image = { repository: 'iris', tag: 'v1', registryId: '123456789012', uri: 'acct/iris:v1' };
  const desired = desiredState(resolved, image);
  const owned = Object.fromEntries(desired.tags.map((t) => [t.Key, t.Value]));
  const fresh: CurrentState = {
    desired,
    desiredModelExists: false,
    servingConfigMissing: false,
    desiredConfigExists: false,
    stale: { configs: [], models: [] },
  };
  const actions = (current: CurrentState) =>
    [...new Set(deployer.permissions!(ctx, planSageMaker(ctx, current)).map((p) => p.action))].filter(
      (a) => !/:(Describe|List)/.test(a),
    );

  it('a first deploy creates and tags, passes the role; nothing is updated or deleted', () => {
    expect(actions(fresh)).toEqual([
      'sagemaker:CreateModel',
      'iam:PassRole',
      'sagemaker:AddTags',
      'sagemaker:CreateEndpointConfig',
      'sagemaker:CreateEndpoint',
    ]);
    const resources = deployer.permissions!(ctx, planSageMaker(ctx, fresh)).map((p) => p.resource);
    expect(resources).toContain(
      `arn:aws:sagemaker:eu-central-1:123456789012:model/${desired.model.ModelName}`,
    );
  });

  it('an update of a running endpoint needs UpdateEndpoint on it and the new config, and no CreateEndpoint', () => {
    const running: CurrentState = {
      ...fresh,
      endpoint: {
        name: desired.endpointName,
        arn: 'arn',
        status: 'InService',
        configName: 'iris-prod-00000000',
        variants: [],
        tags: owned,
      },
    };
    expect(actions(running)).toContain('sagemaker:UpdateEndpoint');
    expect(actions(running)).not.toContain('sagemaker:CreateEndpoint');
  });

  it('nothing to change: only reads', () => {
    const same: CurrentState = {
      ...fresh,
      desiredModelExists: true,
      desiredConfigExists: true,
      endpoint: {
        name: desired.endpointName,
        arn: 'arn',
        status: 'InService',
        configName: desired.configName,
        variants: [],
        tags: owned,
      },
      currentConfig: { name: desired.configName } as CurrentState['currentConfig'],
    };
    expect(actions(same)).toEqual([]);
  });
});
