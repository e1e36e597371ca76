import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { engine, ops, REPO, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

describe('deploy to SageMaker', () => {
  it('first deploy creates model, config and endpoint, tagged, and writes the outputs file', async () => {
    const e = engine(h, resolved(h.dir.path));
    const result = await e.deploy();

    expect(ops(h.aws)).toEqual(['CreateModel', 'CreateEndpointConfig', 'CreateEndpoint']);
    const endpoint = h.aws.sagemaker.requireEndpoint('iris-dev');
    expect(endpoint.EndpointStatus).toBe('InService');
    expect(endpoint.EndpointConfigName).toBe(result.outputs.sagemaker?.endpointConfigName);
    const model = h.aws.sagemaker.requireModel(String(result.outputs.sagemaker?.modelName));
    expect(model.PrimaryContainer?.Image).toBe(`123456789012.dkr.ecr.us-east-1.amazonaws.com/${REPO}:v1`);
    for (const arn of [endpoint.EndpointArn, model.ModelArn]) {
      const tags = Object.fromEntries((h.aws.sagemaker.tags.get(arn) ?? []).map((t) => [t.Key, t.Value]));
      expect(tags).toMatchObject({
        'mlship:app': 'iris',
        'mlship:env': 'dev',
        'mlship:version': 'v1',
        team: 'insight',
      });
    }
    const file = JSON.parse(await readFile(`${h.dir.path}/.mlship/dev.outputs.json`, 'utf8'));
    expect(file.targets.sagemaker).toMatchObject({
      endpointName: 'iris-dev',
      endpointArn: endpoint.EndpointArn,
    });
    expect(e.host.messages().join('\n')).toContain('+ SageMaker::Endpoint iris-dev');
  });

  it('a re-run with nothing changed prints "no changes" and makes zero mutating calls', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    h.aws.calls.length = 0;
    const e = engine(h, resolved(h.dir.path));
    const result = await e.deploy();
    expect(result.changed).toBe(false);
    expect(h.aws.mutatingCalls()).toEqual([]);
    const printed = e.host.events.find((event) => event.kind === 'result')?.text ?? '';
    expect(printed).toMatch(/^dev: no changes\n {2}sagemaker: unchanged\n/);
  });

  it('--dry-run prints the plan and makes zero mutating calls', async () => {
    const e = engine(h, resolved(h.dir.path));
    const result = await e.deploy({ dryRun: true });
    expect(result.changed).toBe(true);
    expect(h.aws.mutatingCalls()).toEqual([]);
    expect(e.host.messages().join('\n')).toMatch(/\+ SageMaker::Model iris-dev-[0-9a-f]{8}/);
  });

  it('a model change is a blue/green update; autoscaling off keeps the configured count', async () => {
    const first = await engine(h, resolved(h.dir.path)).deploy();
    h.aws.calls.length = 0;
    const e = engine(h, resolved(h.dir.path), { imageTag: 'v2' });
    const second = await e.deploy();

    expect(ops(h.aws)).toEqual(['CreateModel', 'CreateEndpointConfig', 'UpdateEndpoint', 'AddTags']);
    const update = h.aws.calls.find((c) => c.operation === 'UpdateEndpoint')?.input as Record<
      string,
      unknown
    >;
    expect(update.DeploymentConfig).toMatchObject({
      BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE' } },
    });
    expect(second.outputs.sagemaker?.endpointConfigName).not.toBe(
      first.outputs.sagemaker?.endpointConfigName,
    );
    expect(h.aws.sagemaker.requireEndpoint('iris-dev').EndpointConfigName).toBe(
      second.outputs.sagemaker?.endpointConfigName,
    );
    const plan = e.host.messages().join('\n');
    expect(plan).toContain('~ SageMaker::Endpoint iris-dev  (blue/green ALL_AT_ONCE)');
    expect(plan).toMatch(/model: iris-dev-\w+ → iris-dev-\w+/);
  });

  it('canary config sends CANARY traffic routing and the rollback alarms', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    const canary = resolved(h.dir.path, {
      deployment: {
        strategy: 'canary',
        canary: { percent: 25, waitSeconds: 120 },
        rollbackAlarms: ['iris-5xx'],
      },
    });
    await engine(h, canary, { imageTag: 'v2' }).deploy();
    const update = h.aws.calls.find((c) => c.operation === 'UpdateEndpoint')?.input;
    expect(update).toMatchObject({
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: {
            Type: 'CANARY',
            CanarySize: { Type: 'CAPACITY_PERCENT', Value: 25 },
            WaitIntervalInSeconds: 120,
          },
        },
        AutoRollbackConfiguration: {
          Alarms: [
            { AlarmName: 'iris-dev-invocation-5xx-errors' },
            { AlarmName: 'iris-dev-model-latency-p99' },
            { AlarmName: 'iris-dev-invocation-4xx-errors' },
            { AlarmName: 'iris-5xx' },
          ],
        },
      },
    });
  });

  it('sends data capture, the container environment, ModelDataUrl and the startup timeout', async () => {
    const config = resolved(h.dir.path, {
      environment: { LOG_LEVEL: 'info' },
      containerStartupTimeoutSeconds: 300,
      dataCapture: {
        enabled: true,
        destinationS3Uri: 's3://captures/iris',
        samplingPercentage: 20,
        capture: ['input'],
      },
    });
    config.config.model.dataUrl = 's3://models/iris/model.tar.gz';
    await engine(h, config).deploy();
    const model = h.aws.calls.find((c) => c.operation === 'CreateModel')?.input;
    expect(model).toMatchObject({
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/sagemaker-exec',
      PrimaryContainer: { Environment: { LOG_LEVEL: 'info' }, ModelDataUrl: 's3://models/iris/model.tar.gz' },
    });
    const endpointConfig = h.aws.calls.find((c) => c.operation === 'CreateEndpointConfig')?.input;
    expect(endpointConfig).toMatchObject({
      ProductionVariants: [
        { ContainerStartupHealthCheckTimeoutInSeconds: 300, VolumeSizeInGB: 30, InitialInstanceCount: 1 },
      ],
      DataCaptureConfig: {
        EnableCapture: true,
        InitialSamplingPercentage: 20,
        DestinationS3Uri: 's3://captures/iris',
        CaptureOptions: [{ CaptureMode: 'Input' }],
      },
    });
  });

  it('a missing image fails with exit 2 naming repo:tag and how to push it, before any change', async () => {
    const error = await engine(h, resolved(h.dir.path), { imageTag: 'nope' })
      .deploy()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IMAGE_NOT_FOUND', exitCode: 2 });
    expect((error as Error).message).toContain(`${REPO}:nope`);
    expect((error as { hint: string }).hint).toContain('docker push');
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('takes the tag from CIRCLE_SHA1 when --image-tag is not given', async () => {
    h.aws.ecr.putImage(REPO, 'abc123');
    const config = resolved(h.dir.path);
    const result = await engine(h, config, {
      imageTag: undefined,
      processEnv: { ...process.env, CIRCLE_SHA1: 'abc123' },
    }).deploy();
    expect(result.outputs.sagemaker?.imageUri).toMatch(/:abc123$/);
  });

  it('an empty CIRCLE_SHA1 falls through to git HEAD', async () => {
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
        {
          cwd: h.dir.path,
        },
      )
        .toString()
        .trim();
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'x');
    const head = git('rev-parse', 'HEAD');
    h.aws.ecr.putImage(REPO, head);
    const result = await engine(h, resolved(h.dir.path), {
      imageTag: undefined,
      processEnv: { ...process.env, CIRCLE_SHA1: '' },
    }).deploy();
    expect(result.outputs.sagemaker?.imageUri).toMatch(new RegExp(`:${head}$`));
  });
});
