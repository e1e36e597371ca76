import type { DeployContext, DeployPlan, Permission } from '@mlship/core';
import { needsCaptureBucket } from './capture-bucket.js';
import type { MonitoringDetail } from './plan.js';

/** ARNs of this app's alarms, dashboards, capture bucket and log groups (account from release.yaml when known). */
function arns(ctx: DeployContext) {
  const { config } = ctx.resolved;
  const account = config.accountId ?? config.sagemaker.executionRoleArn.split(':')[4] ?? '*';
  const partition = config.region.startsWith('cn-') ? 'aws-cn' : 'aws';
  return {
    alarm: (name: string) => `arn:${partition}:cloudwatch:${config.region}:${account}:alarm:${name}`,
    dashboard: (name: string) => `arn:${partition}:cloudwatch::${account}:dashboard/${name}`,
    bucket: `arn:${partition}:s3:::${config.name.toLowerCase()}-*-capture-${account}`,
    logGroup: (name: string) => `arn:${partition}:logs:${config.region}:${account}:log-group:${name}`,
  };
}

const ALARM_ACTIONS = [
  'cloudwatch:DescribeAlarms',
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:DeleteAlarms',
  'cloudwatch:TagResource',
];
const DASHBOARD_ACTIONS = [
  'cloudwatch:GetDashboard',
  'cloudwatch:PutDashboard',
  'cloudwatch:DeleteDashboards',
];

/**
 * Without a plan: every call of deploy, status, destroy, `mlship logs` and the data-capture bucket for this
 * release.yaml. With a plan: the reads, and the writes its apply makes.
 */
export function permissionsMonitoring(ctx: DeployContext, plan?: DeployPlan<MonitoringDetail>): Permission[] {
  const { config } = ctx.resolved;
  const a = arns(ctx);
  const alarms = a.alarm(`${config.name}-*`);
  const dashboard = a.dashboard(`${config.name}-*`);
  const of = (actions: string[], resource: string, sid: string) =>
    actions.map((action) => ({ action, resource, sid }));
  if (plan) {
    const out = [
      ...of(['cloudwatch:DescribeAlarms'], alarms, 'MonitoringAlarmsAndDashboard'),
      ...of(['cloudwatch:GetDashboard'], dashboard, 'MonitoringAlarmsAndDashboard'),
    ];
    for (const spec of plan.detail.alarms.put) {
      out.push(...of(['cloudwatch:PutMetricAlarm'], a.alarm(spec.AlarmName), 'MonitoringAlarmsAndDashboard'));
    }
    for (const name of plan.detail.removeAlarms) {
      out.push(...of(['cloudwatch:DeleteAlarms'], a.alarm(name), 'MonitoringAlarmsAndDashboard'));
    }
    const board = a.dashboard(plan.detail.dashboard.name);
    if (plan.detail.dashboard.put)
      out.push(...of(['cloudwatch:PutDashboard'], board, 'MonitoringAlarmsAndDashboard'));
    if (plan.detail.dashboard.remove) {
      out.push(...of(['cloudwatch:DeleteDashboards'], board, 'MonitoringAlarmsAndDashboard'));
    }
    return out;
  }
  const out = [
    ...of(ALARM_ACTIONS, alarms, 'MonitoringAlarmsAndDashboard'),
    ...of(DASHBOARD_ACTIONS, dashboard, 'MonitoringAlarmsAndDashboard'),
    ...of(['logs:FilterLogEvents'], a.logGroup(`/aws/sagemaker/Endpoints/${config.name}-*`), 'ReadLogs'),
    ...of(['logs:FilterLogEvents'], a.logGroup(`/aws/lambda/${config.name}-*`), 'ReadLogs'),
  ];
  if (needsCaptureBucket(ctx)) {
    const bucketActions = [
      's3:CreateBucket',
      's3:ListBucket',
      's3:DeleteBucket',
      's3:PutEncryptionConfiguration',
      's3:PutBucketPublicAccessBlock',
      's3:PutLifecycleConfiguration',
      's3:GetLifecycleConfiguration',
      's3:PutBucketTagging',
      's3:GetBucketTagging',
    ];
    out.push(...of(bucketActions, a.bucket, 'CaptureBucket'));
    out.push(...of(['s3:DeleteObject'], `${a.bucket}/*`, 'CaptureBucket'));
    out.push(...of(['sts:GetCallerIdentity'], '*', 'WhoAmI'));
  }
  return out;
}
