import {
  DeleteAlarmsCommand,
  DeleteDashboardsCommand,
  PutDashboardCommand,
} from '@aws-sdk/client-cloudwatch';
import { type DeployContext, type DeployPlan, deployError, type Outputs } from '@mlship/core';
import { cloudwatch, putAlarms } from './alarm-sync.js';
import { mlshipTags } from './names.js';
import type { MonitoringDetail } from './plan.js';

/** Puts the changed alarms and the dashboard; with nothing changed it makes no call. */
export async function applyMonitoring(
  plan: DeployPlan<MonitoringDetail>,
  ctx: DeployContext,
): Promise<Outputs> {
  const { detail } = plan;
  await putAlarms(ctx, detail.alarms);
  if (detail.removeAlarms.length > 0) {
    ctx.host.notify({ level: 'info', message: `Deleting alarms ${detail.removeAlarms.join(', ')}` });
    await cloudwatch(ctx).send(new DeleteAlarmsCommand({ AlarmNames: detail.removeAlarms }));
  }
  if (detail.dashboard.put) {
    ctx.signal?.throwIfAborted();
    ctx.host.notify({ level: 'info', message: `Writing dashboard ${detail.dashboard.name}` });
    try {
      await cloudwatch(ctx).send(
        new PutDashboardCommand({
          DashboardName: detail.dashboard.name,
          DashboardBody: detail.dashboard.body,
          Tags: mlshipTags(ctx.resolved),
        }),
      );
    } catch (error) {
      throw deployError(
        'MONITORING_ALARM_FAILED',
        `CloudWatch refused dashboard ${detail.dashboard.name}: ${(error as Error).message}`,
        'Report the message; set monitoring.dashboard: false to deploy without the dashboard meanwhile.',
      );
    }
  } else if (detail.dashboard.remove) {
    await cloudwatch(ctx).send(new DeleteDashboardsCommand({ DashboardNames: [detail.dashboard.name] }));
  }
  return plan.plannedOutputs ?? {};
}
