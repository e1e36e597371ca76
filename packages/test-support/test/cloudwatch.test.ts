import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DeleteDashboardsCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  ListDashboardsCommand,
  ListTagsForResourceCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
  TagResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import { UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, deployEndpoint, pollEndpoint, rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();
let cw: CloudWatchClient;
beforeAll(() => {
  cw = new CloudWatchClient({ ...h.fake.clientConfig, maxAttempts: 1 });
});
afterAll(() => cw?.destroy());

const alarm = (name: string, more: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput => ({
  AlarmName: name,
  Namespace: 'AWS/SageMaker',
  MetricName: 'Invocation5XXErrors',
  Dimensions: [{ Name: 'EndpointName', Value: 'iris-dev' }],
  Statistic: 'Sum',
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  ...more,
});

describe('CloudWatch alarms', () => {
  it('creates alarms in INSUFFICIENT_DATA, keeps the state on update, filters and paginates', async () => {
    await cw.send(
      new PutMetricAlarmCommand(alarm('iris-dev-5xx', { Tags: [{ Key: 'mlship:env', Value: 'dev' }] })),
    );
    await cw.send(
      new PutMetricAlarmCommand(alarm('iris-dev-latency', { MetricName: 'ModelLatency', Threshold: 500 })),
    );
    h.fake.cloudwatch.setAlarmState('iris-dev-5xx', 'ALARM');
    await cw.send(new PutMetricAlarmCommand(alarm('iris-dev-5xx', { Threshold: 5 })));

    const out = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'iris-dev-', MaxRecords: 1 }));
    expect(out.MetricAlarms?.map((a) => [a.AlarmName, a.StateValue, a.Threshold])).toEqual([
      ['iris-dev-5xx', 'ALARM', 5],
    ]);
    expect(out.MetricAlarms?.[0]?.AlarmArn).toBe(
      'arn:aws:cloudwatch:us-east-1:123456789012:alarm:iris-dev-5xx',
    );
    const next = await cw.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: 'iris-dev-', MaxRecords: 1, NextToken: out.NextToken }),
    );
    expect(next.MetricAlarms?.map((a) => [a.AlarmName, a.StateValue])).toEqual([
      ['iris-dev-latency', 'INSUFFICIENT_DATA'],
    ]);
    const alarming = await cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    expect(alarming.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['iris-dev-5xx']);

    const tags = await cw.send(
      new ListTagsForResourceCommand({ ResourceARN: out.MetricAlarms?.[0]?.AlarmArn }),
    );
    expect(tags.Tags).toEqual([{ Key: 'mlship:env', Value: 'dev' }]);
  });

  it('deletes the alarms that exist and answers ResourceNotFound naming the others', async () => {
    await cw.send(new PutMetricAlarmCommand(alarm('a1')));
    const error = await rejection(cw.send(new DeleteAlarmsCommand({ AlarmNames: ['a1', 'ghost'] })));
    expect([error.name, error.message]).toEqual(['ResourceNotFound', 'Alarm(s) not found: ghost']);
    expect(h.fake.cloudwatch.alarms.size).toBe(0);
  });

  it('refuses AlarmNames with AlarmNamePrefix', async () => {
    const error = await rejection(
      cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' })),
    );
    expect(error.name).toBe('InvalidParameterCombinationException');
  });
});

describe('CloudWatch dashboards', () => {
  const body = JSON.stringify({
    widgets: [
      { type: 'metric', properties: { region: 'us-east-1', metrics: [['AWS/SageMaker', 'Invocations']] } },
    ],
  });

  it('puts, gets, lists, tags and deletes dashboards', async () => {
    await cw.send(new PutDashboardCommand({ DashboardName: 'iris-dev', DashboardBody: body }));
    const got = await cw.send(new GetDashboardCommand({ DashboardName: 'iris-dev' }));
    expect(got).toMatchObject({
      DashboardBody: body,
      DashboardArn: 'arn:aws:cloudwatch::123456789012:dashboard/iris-dev',
    });
    const listed = await cw.send(new ListDashboardsCommand({ DashboardNamePrefix: 'iris' }));
    expect(listed.DashboardEntries?.map((d) => [d.DashboardName, d.Size])).toEqual([
      ['iris-dev', body.length],
    ]);
    await cw.send(
      new TagResourceCommand({ ResourceARN: got.DashboardArn, Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    await cw.send(new DeleteDashboardsCommand({ DashboardNames: ['iris-dev'] }));
    const gone = await rejection(cw.send(new GetDashboardCommand({ DashboardName: 'iris-dev' })));
    expect([gone.name, gone.message]).toEqual(['ResourceNotFound', 'Dashboard iris-dev does not exist']);
  });

  it('rejects a body that is not a dashboard, with validation messages', async () => {
    const error = (await rejection(
      cw.send(
        new PutDashboardCommand({
          DashboardName: 'bad',
          DashboardBody: JSON.stringify({ widgets: [{ type: 'metric', properties: { metrics: [] } }] }),
        }),
      ),
    )) as Error & { dashboardValidationMessages?: unknown };
    expect(error.name).toBe('DashboardInvalidInputError');
    expect(error.dashboardValidationMessages).toEqual([
      { DataPath: '/widgets/0/properties', Message: "Should have required property 'region'" },
    ]);
    expect(h.fake.cloudwatch.dashboards.size).toBe(0);
  });
});

describe('CloudWatch alarms and SageMaker auto-rollback', () => {
  const rollback = {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE' as const, WaitIntervalInSeconds: 0 },
    },
    AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'iris-dev-5xx' }] },
  };

  it('an update whose auto-rollback alarm is in ALARM rolls back through RollingBack to the old config', async () => {
    await cw.send(new PutMetricAlarmCommand(alarm('iris-dev-5xx')));
    await deployEndpoint(h.sm, 'ep');
    await createConfig(h.sm, 'c2', 'ep-m1');
    await h.sm.send(
      new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'c2', DeploymentConfig: rollback }),
    );
    h.fake.cloudwatch.setAlarmState('iris-dev-5xx', 'ALARM');
    const seen = await pollEndpoint(h.sm, 'ep');
    expect(seen.map((d) => d.EndpointStatus)).toEqual([
      'Updating',
      'Updating',
      'RollingBack',
      'RollingBack',
      'InService',
    ]);
    expect(seen.at(-1)).toMatchObject({ EndpointConfigName: 'ep-c1' });
    expect(seen.at(-1)?.FailureReason).toContain('iris-dev-5xx');
  });

  it('the same update completes while the alarm stays OK', async () => {
    await cw.send(new PutMetricAlarmCommand(alarm('iris-dev-5xx')));
    h.fake.cloudwatch.setAlarmState('iris-dev-5xx', 'OK');
    await deployEndpoint(h.sm, 'ep');
    await createConfig(h.sm, 'c2', 'ep-m1');
    await h.sm.send(
      new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'c2', DeploymentConfig: rollback }),
    );
    expect((await pollEndpoint(h.sm, 'ep')).at(-1)).toMatchObject({
      EndpointStatus: 'InService',
      EndpointConfigName: 'c2',
    });
  });
});
