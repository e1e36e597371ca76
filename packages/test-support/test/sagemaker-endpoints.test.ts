import {
  CreateEndpointCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  ListEndpointsCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import {
  createConfig,
  createModel,
  deployEndpoint,
  IMAGE,
  pollEndpoint,
  rejection,
  useFakeAws,
} from './helpers.js';

const h = useFakeAws();
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012';
const statuses = (seen: { EndpointStatus?: string }[]) => seen.map((d) => d.EndpointStatus);

async function update(name: string, config: string, extra: Record<string, unknown> = {}) {
  await h.sm.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: config, ...extra }));
}

describe('SageMaker endpoint creation', () => {
  it('goes Creating -> InService after two DescribeEndpoint polls, with variant counts and images', async () => {
    h.fake.ecr.putImage('iris', 'v1', 'sha256:abc');
    await createModel(h.sm, 'm1');
    await createConfig(h.sm, 'c1', 'm1', 'ml.m5.large', 2);
    const out = await h.sm.send(
      new CreateEndpointCommand({
        EndpointName: 'Iris-Dev',
        EndpointConfigName: 'c1',
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    expect(out.EndpointArn).toBe(`${ARN}:endpoint/iris-dev`);
    const seen = await pollEndpoint(h.sm, 'iris-dev');
    expect(statuses(seen)).toEqual(['Creating', 'Creating', 'InService']);
    expect(seen[0]?.ProductionVariants).toBeUndefined();
    const last = seen[2];
    expect(last).toMatchObject({ EndpointName: 'Iris-Dev', EndpointConfigName: 'c1' });
    expect(last?.ProductionVariants).toEqual([
      {
        VariantName: 'AllTraffic',
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentInstanceCount: 2,
        DesiredInstanceCount: 2,
        DeployedImages: [
          {
            SpecifiedImage: IMAGE,
            ResolvedImage: `${IMAGE.replace(':v1', '')}@sha256:abc`,
            ResolutionTime: expect.any(Date),
          },
        ],
      },
    ]);
  });

  it('honours transitionAfterDescribes', async () => {
    h.fake.sagemaker.transitionAfterDescribes = 0;
    await deployEndpoint(h.sm, 'ep');
    expect(h.fake.calls.filter((c) => c.operation === 'DescribeEndpoint')).toHaveLength(1);
    h.fake.reset();
    expect(h.fake.sagemaker.transitionAfterDescribes).toBe(2);
  });

  it('ends Failed with the scheduled FailureReason, and refuses a second create of the same name', async () => {
    h.fake.sagemaker.failNextCreate(
      'The primary container for production variant AllTraffic did not pass the ping health check.',
    );
    await deployEndpoint(h.sm, 'ep');
    const ep = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep' }));
    expect(ep.EndpointStatus).toBe('Failed');
    expect(ep.FailureReason).toContain('did not pass the ping health check');
    const again = await rejection(
      h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'ep-c1' })),
    );
    expect([again.name, again.message]).toEqual([
      'ValidationException',
      `Cannot create already existing endpoint "${ARN}:endpoint/ep".`,
    ]);
  });

  it('refuses UpdateEndpoint on a Failed endpoint: DeleteEndpoint is the only operation allowed', async () => {
    h.fake.sagemaker.failNextCreate('did not pass the ping health check');
    await deployEndpoint(h.sm, 'ep');
    const error = await rejection(update('ep', 'ep-c1'));
    expect([error.name, error.message]).toEqual([
      'ValidationException',
      `Cannot update failed endpoint "${ARN}:endpoint/ep"; delete it first.`,
    ]);
    await h.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep' }));
  });

  it('refuses an unknown endpoint config', async () => {
    const error = await rejection(
      h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'nope' })),
    );
    expect(error.message).toBe(`Could not find endpoint configuration "${ARN}:endpoint-config/nope".`);
  });

  it('answers ResourceLimitExceeded when the instance quota is used up', async () => {
    h.fake.sagemaker.limits = { instances: { 'ml.m5.large': 1 } };
    await deployEndpoint(h.sm, 'a');
    await createConfig(h.sm, 'c2', 'a-m1');
    const error = await rejection(
      h.sm.send(new CreateEndpointCommand({ EndpointName: 'b', EndpointConfigName: 'c2' })),
    );
    expect(error.name).toBe('ResourceLimitExceeded');
    expect(error.message).toMatch(
      /^The account-level service limit 'ml.m5.large for endpoint usage' is 1 Instances, with current utilization of 1 Instances and a request delta of 1 Instances/,
    );
  });
});

describe('SageMaker endpoint updates', () => {
  it('goes Updating -> InService on the new config, with a PendingDeploymentSummary meanwhile', async () => {
    await deployEndpoint(h.sm, 'ep');
    await createModel(h.sm, 'm2', IMAGE.replace('v1', 'v2'));
    await createConfig(h.sm, 'c2', 'm2', 'ml.m5.large', 2);
    const deploymentConfig = {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'CANARY',
          CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 },
          WaitIntervalInSeconds: 300,
        },
        TerminationWaitInSeconds: 120,
        MaximumExecutionTimeoutInSeconds: 1800,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ep-5xx' }] },
    };
    await update('ep', 'c2', { DeploymentConfig: deploymentConfig });
    const seen = await pollEndpoint(h.sm, 'ep');
    expect(statuses(seen)).toEqual(['Updating', 'Updating', 'InService']);
    expect(seen[0]?.EndpointConfigName).toBe('ep-c1');
    expect(seen[0]?.PendingDeploymentSummary).toMatchObject({
      EndpointConfigName: 'c2',
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          DesiredInstanceCount: 2,
          CurrentInstanceCount: 0,
          InstanceType: 'ml.m5.large',
        },
      ],
    });
    const done = seen[2];
    expect(done?.EndpointConfigName).toBe('c2');
    expect(done?.PendingDeploymentSummary).toBeUndefined();
    expect(done?.FailureReason).toBeUndefined();
    expect(done?.LastDeploymentConfig).toEqual(deploymentConfig);
    expect(done?.ProductionVariants?.[0]?.CurrentInstanceCount).toBe(2);
    expect(done?.ProductionVariants?.[0]?.DeployedImages?.[0]?.SpecifiedImage).toBe(
      IMAGE.replace('v1', 'v2'),
    );
  });

  it('a failed update ends InService on the OLD config with FailureReason', async () => {
    await deployEndpoint(h.sm, 'ep');
    await createConfig(h.sm, 'c2', 'ep-m1', 'ml.m5.xlarge');
    h.fake.sagemaker.failNextUpdate('Failed to start the new fleet: health check timed out.');
    await update('ep', 'c2');
    const seen = await pollEndpoint(h.sm, 'ep');
    expect(statuses(seen)).toEqual(['Updating', 'Updating', 'InService']);
    expect(seen[2]).toMatchObject({
      EndpointConfigName: 'ep-c1',
      FailureReason: 'Failed to start the new fleet: health check timed out.',
    });
  });

  it('an alarm rollback passes through RollingBack, then ends InService on the OLD config naming the alarm', async () => {
    await deployEndpoint(h.sm, 'ep');
    await createConfig(h.sm, 'c2', 'ep-m1');
    h.fake.sagemaker.rollbackNextUpdate('ep-5xx');
    await update('ep', 'c2');
    const seen = await pollEndpoint(h.sm, 'ep');
    expect(statuses(seen)).toEqual(['Updating', 'Updating', 'RollingBack', 'RollingBack', 'InService']);
    expect(seen[2]?.EndpointConfigName).toBe('ep-c1');
    const last = seen.at(-1);
    expect(last?.EndpointStatus).toBe('InService');
    expect(last?.EndpointConfigName).toBe('ep-c1');
    expect(last?.FailureReason).toContain('ep-5xx');
  });

  it('holdUpdating() keeps the endpoint Updating until release(), and in-progress updates are refused', async () => {
    await deployEndpoint(h.sm, 'ep');
    await createConfig(h.sm, 'c2', 'ep-m1');
    h.fake.sagemaker.holdUpdating();
    await update('ep', 'c2');
    expect(statuses(await pollEndpoint(h.sm, 'ep', 6))).toEqual(Array(6).fill('Updating'));
    const busy = await rejection(update('ep', 'c2'));
    expect([busy.name, busy.message]).toEqual([
      'ValidationException',
      `Cannot update in-progress endpoint "${ARN}:endpoint/ep".`,
    ]);
    h.fake.sagemaker.release();
    expect((await pollEndpoint(h.sm, 'ep')).at(-1)?.EndpointConfigName).toBe('c2');
  });

  it('setEndpointStatus seeds an endpoint busy with another deploy', async () => {
    h.fake.sagemaker.seedEndpoint({ name: 'ep', status: 'Updating' });
    expect(statuses(await pollEndpoint(h.sm, 'ep'))).toEqual(['Updating', 'Updating', 'InService']);
    h.fake.sagemaker.setEndpointStatus('ep', 'Failed', 'broken');
    expect((await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep' }))).FailureReason).toBe(
      'broken',
    );
  });

  it('RetainAllVariantProperties keeps the current instance count; without it the config count applies', async () => {
    await deployEndpoint(h.sm, 'ep');
    h.fake.sagemaker.endpoints.get('ep')?.ProductionVariants.forEach((v) => {
      v.DesiredInstanceCount = 4;
      v.CurrentInstanceCount = 4;
    });
    await createModel(h.sm, 'm2');
    await createConfig(h.sm, 'c2', 'm2');
    await update('ep', 'c2', { RetainAllVariantProperties: true });
    expect((await pollEndpoint(h.sm, 'ep')).at(-1)?.ProductionVariants?.[0]?.DesiredInstanceCount).toBe(4);
    await createConfig(h.sm, 'c3', 'm2');
    await update('ep', 'c3');
    expect((await pollEndpoint(h.sm, 'ep')).at(-1)?.ProductionVariants?.[0]?.DesiredInstanceCount).toBe(1);
  });

  it.each([
    [{ Type: 'CANARY', WaitIntervalInSeconds: 60 }, 'CanarySize must be specified'],
    [{ Type: 'LINEAR', WaitIntervalInSeconds: 60 }, 'LinearStepSize must be specified'],
    [
      { Type: 'CANARY', CanarySize: { Type: 'INSTANCE_COUNT', Value: 2 }, WaitIntervalInSeconds: 60 },
      'must be less than or equal to 50%',
    ],
    [
      { Type: 'LINEAR', LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 5 }, WaitIntervalInSeconds: 60 },
      'between 10% and 50%',
    ],
    [
      { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 3601 },
      "Value '3601' at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds'",
    ],
    [
      { Type: 'SOMETIMES', WaitIntervalInSeconds: 1 },
      'Member must satisfy enum value set: [ALL_AT_ONCE, CANARY, LINEAR]',
    ],
  ])('validates DeploymentConfig %j', async (routing, message) => {
    await deployEndpoint(h.sm, 'ep');
    await createConfig(h.sm, 'c2', 'ep-m1', 'ml.m5.large', 2);
    const error = await rejection(
      update('ep', 'c2', {
        DeploymentConfig: { BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: routing } },
      }),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(message);
  });

  it('validates the blue/green timeouts and alarm list against the model', async () => {
    await deployEndpoint(h.sm, 'ep');
    const error = await rejection(
      update('ep', 'ep-c1', {
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 },
            MaximumExecutionTimeoutInSeconds: 60,
          },
          AutoRollbackConfiguration: { Alarms: [] },
        },
      }),
    );
    expect(error.message).toMatch(
      /^2 validation errors detected: .*maximumExecutionTimeoutInSeconds.*greater than or equal to 600; .*autoRollbackConfiguration.alarms.*greater than or equal to 1$/,
    );
  });
});

describe('SageMaker endpoint deletion and listing', () => {
  it('goes Deleting, then DescribeEndpoint answers not found', async () => {
    await deployEndpoint(h.sm, 'ep');
    await h.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep' }));
    expect((await h.sm.send(new ListEndpointsCommand({}))).Endpoints?.[0]?.EndpointStatus).toBe('Deleting');
    const seen = await pollEndpoint(h.sm, 'ep', 2);
    expect(statuses(seen)).toEqual(['Deleting', 'Deleting']);
    const gone = await rejection(h.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep' })));
    expect(gone.message).toBe(`Could not find endpoint "${ARN}:endpoint/ep".`);
    const again = await rejection(h.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep' })));
    expect(again.message).toBe(`Could not find endpoint "${ARN}:endpoint/ep".`);
  });

  it('lists endpoints filtered by name and status', async () => {
    h.fake.sagemaker.seedEndpoint({ name: 'iris-dev' });
    h.fake.sagemaker.seedEndpoint({ name: 'iris-prod', status: 'Failed' });
    h.fake.sagemaker.seedEndpoint({ name: 'other' });
    const out = await h.sm.send(
      new ListEndpointsCommand({ NameContains: 'iris', StatusEquals: 'InService' }),
    );
    expect(out.Endpoints?.map((e) => [e.EndpointName, e.EndpointStatus])).toEqual([
      ['iris-dev', 'InService'],
    ]);
    const byName = await h.sm.send(new ListEndpointsCommand({ SortBy: 'Name', SortOrder: 'Ascending' }));
    expect(byName.Endpoints?.map((e) => e.EndpointName)).toEqual(['iris-dev', 'iris-prod', 'other']);
  });
});
