import { GetDashboardCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { DeployContext } from '@mlship/core';
import { cloudwatch, readAlarms } from './alarm-sync.js';
import { type AlarmSpec, allAlarmNames, edgeAlarmSpecs, endpointAlarmSpecs } from './alarms.js';
import { dashboardName } from './names.js';

export interface MonitoringState {
  specs: AlarmSpec[];
  alarms: Record<string, MetricAlarm>;
  /** The dashboard body in CloudWatch, parsed; undefined when there is none. */
  dashboard?: unknown;
}

export async function readDashboard(ctx: DeployContext): Promise<unknown> {
  try {
    const out = await cloudwatch(ctx).send(
      new GetDashboardCommand({ DashboardName: dashboardName(ctx.resolved) }),
    );
    return out.DashboardBody ? JSON.parse(out.DashboardBody) : undefined;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'ResourceNotFound' || name === 'DashboardNotFoundError') return undefined;
    throw error;
  }
}

/** Reads the alarms mlship defines (and the ones it may have left from an earlier definition) and the dashboard. */
export async function readMonitoring(ctx: DeployContext): Promise<MonitoringState> {
  const specs = [...endpointAlarmSpecs(ctx.resolved), ...edgeAlarmSpecs(ctx.resolved, ctx.upstream)];
  const names = [...new Set([...specs.map((s) => s.AlarmName), ...allAlarmNames(ctx.resolved)])];
  const alarms = await readAlarms(ctx, names);
  const dashboard = await readDashboard(ctx);
  return { specs, alarms, dashboard };
}
