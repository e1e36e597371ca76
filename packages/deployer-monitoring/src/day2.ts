import { DeleteDashboardsCommand } from '@aws-sdk/client-cloudwatch';
import { type DeployContext, type DestroyReport, guardAlarms, type StatusReport } from '@mlship/core';
import { cloudwatch, deleteAlarms, readAlarms } from './alarm-sync.js';
import { allAlarmNames } from './alarms.js';
import { needsCaptureBucket, readCaptureBucket, recentCaptures } from './capture-bucket.js';
import { dashboardName, dashboardUrl } from './names.js';
import { readDashboard } from './read.js';

/** Each alarm with its state, which alarms guard blue/green deploys, and the dashboard's URL. */
export async function statusMonitoring(ctx: DeployContext): Promise<StatusReport> {
  const alarms = await readAlarms(ctx, allAlarmNames(ctx.resolved));
  const dashboard = await readDashboard(ctx);
  const name = dashboardName(ctx.resolved);
  const states = Object.values(alarms).map((a) => ({ name: a.AlarmName, state: a.StateValue }));
  const firing = states.filter((a) => a.state === 'ALARM').map((a) => a.name);
  const exists = states.length > 0 || dashboard !== undefined;
  if (!exists && ctx.resolved.config.monitoring.enabled) {
    ctx.host.notify({
      level: 'warn',
      code: 'MONITORING_NOT_DEPLOYED',
      message: `No mlship alarms or dashboard found for ${ctx.resolved.config.name}-${ctx.resolved.env}.`,
    });
  }
  return {
    target: 'monitoring',
    exists,
    summary: exists
      ? `${states.length} alarms (${firing.length > 0 ? `ALARM: ${firing.join(', ')}` : 'none in ALARM'})${dashboard ? `, dashboard ${name}` : ''}`
      : 'not deployed',
    detail: {
      alarms: states,
      rollbackAlarms: guardAlarms(ctx.resolved),
      ...(dashboard ? { dashboardUrl: dashboardUrl(ctx.resolved.config.region, name) } : {}),
      ...(await captureStatus(ctx)),
    },
  };
}

/** Where captures go and how many arrived in the last hour. */
async function captureStatus(ctx: DeployContext): Promise<Record<string, unknown>> {
  const capture = ctx.resolved.config.sagemaker.dataCapture;
  if (!capture?.enabled) return {};
  let uri = capture.destinationS3Uri;
  if (needsCaptureBucket(ctx)) {
    const bucket = await readCaptureBucket(ctx);
    if (!bucket.exists)
      return { dataCapture: { destination: `s3://${bucket.name}/captures`, bucketExists: false } };
    uri = `s3://${bucket.name}/captures`;
  }
  const lastHour = await recentCaptures(ctx, uri ?? '', ctx.clock.now());
  return { dataCapture: { destination: uri, objectsLastHour: lastHour } };
}

/** Deletes every alarm mlship defines for the environment (the endpoint's too) and the dashboard. */
export async function destroyMonitoring(ctx: DeployContext): Promise<DestroyReport> {
  const report: DestroyReport = { target: 'monitoring', deleted: [], skipped: [] };
  for (const id of await deleteAlarms(ctx, allAlarmNames(ctx.resolved))) {
    report.deleted.push({ resource: 'CloudWatch::Alarm', id });
  }
  const name = dashboardName(ctx.resolved);
  if ((await readDashboard(ctx)) !== undefined) {
    await cloudwatch(ctx).send(new DeleteDashboardsCommand({ DashboardNames: [name] }));
    report.deleted.push({ resource: 'CloudWatch::Dashboard', id: name });
  }
  if (report.deleted.length === 0) {
    ctx.host.notify({
      level: 'info',
      code: 'MONITORING_NOT_DEPLOYED',
      message: `No mlship alarms or dashboard found for ${name}.`,
    });
  }
  return report;
}
