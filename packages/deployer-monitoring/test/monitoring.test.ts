import { describe, expect, it } from 'vitest';
import { engine, inputOf, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

const ALARMS = [
  'iris-dev-apigateway-5xx-errors',
  'iris-dev-invocation-4xx-errors',
  'iris-dev-invocation-5xx-errors',
  'iris-dev-lambda-errors',
  'iris-dev-lambda-throttles',
  'iris-dev-model-latency-p99',
];
const ENDPOINT_ALARMS = [
  'iris-dev-invocation-5xx-errors',
  'iris-dev-model-latency-p99',
  'iris-dev-invocation-4xx-errors',
];

const ops = () => h.aws.mutatingCalls().map((call) => call.operation);

describe('monitoring target', () => {
  it('a first deploy creates the alarms and the dashboard, and outputs the dashboard URL', async () => {
    const result = await engine(h, resolved(h.dir.path)).deploy();
    expect([...h.aws.cloudwatch.alarms.keys()].sort()).toEqual(ALARMS);
    const latency = h.aws.cloudwatch.alarms.get('iris-dev-model-latency-p99');
    // 80 % of the 10 s model timeout, in microseconds (SageMaker's ModelLatency unit).
    expect(latency).toMatchObject({
      ExtendedStatistic: 'p99',
      Threshold: 8_000_000,
      TreatMissingData: 'notBreaching',
    });
    expect(h.aws.cloudwatch.alarms.get('iris-dev-lambda-errors')?.Dimensions).toEqual([
      { Name: 'FunctionName', Value: 'iris-dev-proxy' },
    ]);
    const tags = h.aws.cloudwatch.tags.get(
      h.aws.cloudwatch.alarms.get('iris-dev-lambda-errors')?.AlarmArn ?? '',
    );
    expect(tags).toContainEqual({ Key: 'mlship:app', Value: 'iris' });
    const body = JSON.parse(h.aws.cloudwatch.dashboards.get('iris-dev')?.DashboardBody ?? '{}');
    const titles = body.widgets.map((w: { properties: { title: string } }) => w.properties.title);
    expect(titles).toEqual([
      'Invocations',
      'Model latency p50 / p99 (microseconds)',
      'Endpoint 4xx / 5xx',
      'Instances (reporting CPU)',
      'Proxy duration p50 / p99 (ms) and errors',
      'Cache hit rate (%)',
      'API Gateway requests and errors',
      'API Gateway latency p50 / p99 (ms)',
    ]);
    expect(JSON.stringify(body)).toContain('["mlship/proxy","CacheHit","endpoint","iris-dev"');
    expect(result.outputs.monitoring).toMatchObject({
      dashboardName: 'iris-dev',
      dashboardUrl:
        'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/iris-dev',
    });
  });

  it('a re-run with no change makes no mutating call', async () => {
    const config = resolved(h.dir.path);
    await engine(h, config).deploy();
    h.aws.calls.length = 0;
    const again = await engine(h, config).deploy();
    expect(ops()).toEqual([]);
    expect(again.changed).toBe(false);
  });

  it('a threshold change updates exactly that alarm', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path, { monitoring: { thresholds: { lambdaThrottles: 3 } } })).deploy();
    const puts = h.aws.mutatingCalls();
    expect(puts.map((c) => [c.operation, (c.input as { AlarmName: string }).AlarmName])).toEqual([
      ['PutMetricAlarm', 'iris-dev-lambda-throttles'],
    ]);
    expect(h.aws.cloudwatch.alarms.get('iris-dev-lambda-throttles')?.Threshold).toBe(3);
  });

  it('an SNS topic becomes the alarm and OK action of every alarm', async () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:oncall';
    await engine(h, resolved(h.dir.path, { monitoring: { snsTopicArn: topic } })).deploy();
    for (const alarm of h.aws.cloudwatch.alarms.values()) {
      expect([alarm.AlarmActions, alarm.OKActions]).toEqual([[topic], [topic]]);
    }
  });

  it('a canary deploy creates the endpoint alarms first and passes them to AutoRollbackConfiguration', async () => {
    const first = resolved(h.dir.path, { monitoring: { enabled: false } });
    await engine(h, first).deploy();
    expect(h.aws.cloudwatch.alarms.size).toBe(0);
    h.aws.calls.length = 0;
    const canary = resolved(h.dir.path, {
      sagemaker: {
        deployment: {
          strategy: 'canary',
          canary: { percent: 50, waitSeconds: 60 },
          rollbackAlarms: ['team-slo'],
        },
      },
    });
    await engine(h, canary, { imageTag: 'v2' }).deploy();
    const sequence = ops();
    const update = inputOf(h, 'UpdateEndpoint');
    expect(update?.DeploymentConfig.AutoRollbackConfiguration).toEqual({
      Alarms: [...ENDPOINT_ALARMS, 'team-slo'].map((AlarmName) => ({ AlarmName })),
    });
    const updateAt = sequence.indexOf('UpdateEndpoint');
    expect(sequence.slice(0, updateAt).filter((op) => op === 'PutMetricAlarm')).toHaveLength(3);
    expect(sequence.slice(updateAt).filter((op) => op === 'PutMetricAlarm')).toHaveLength(3);
  });

  it('an all-at-once deploy keeps only the named rollback alarms', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    await engine(h, resolved(h.dir.path, { sagemaker: { deployment: { rollbackAlarms: ['team-slo'] } } }), {
      imageTag: 'v2',
    }).deploy();
    const update = inputOf(h, 'UpdateEndpoint');
    expect(update?.DeploymentConfig.AutoRollbackConfiguration).toEqual({
      Alarms: [{ AlarmName: 'team-slo' }],
    });
  });

  it('status lists the alarms with their state and the rollback guards', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    h.aws.cloudwatch.setAlarmState('iris-dev-lambda-errors', 'ALARM');
    await engine(h, resolved(h.dir.path)).status();
    const host = engine(h, resolved(h.dir.path));
    const reports = await host.status();
    const monitoring = JSON.stringify(reports);
    expect(monitoring).toContain('ALARM: iris-dev-lambda-errors');
    expect(monitoring).toContain('iris-dev-invocation-5xx-errors');
  });

  it('turning monitoring off removes the alarms and the dashboard on the next deploy', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    h.aws.calls.length = 0;
    await engine(h, resolved(h.dir.path, { monitoring: { enabled: false } })).deploy();
    expect(h.aws.cloudwatch.alarms.size).toBe(0);
    expect(h.aws.cloudwatch.dashboards.size).toBe(0);
    expect(ops().sort()).toEqual(['DeleteAlarms', 'DeleteDashboards']);
  });

  it('destroy removes the alarms and the dashboard', async () => {
    await engine(h, resolved(h.dir.path)).deploy();
    await engine(h, resolved(h.dir.path)).destroy();
    expect(h.aws.cloudwatch.alarms.size).toBe(0);
    expect(h.aws.cloudwatch.dashboards.size).toBe(0);
  });
});
