import { isDeepStrictEqual } from 'node:util';
import { type Change, type DeployContext, type DeployPlan, guardAlarms } from '@mlship/core';
import { type AlarmPlan, planAlarms } from './alarm-sync.js';
import { dashboardBody } from './dashboard.js';
import { dashboardName, dashboardUrl } from './names.js';
import type { MonitoringState } from './read.js';

export interface MonitoringDetail {
  alarms: Pick<AlarmPlan, 'put' | 'create'>;
  /** Alarms mlship created earlier that the current definition no longer has (e.g. the front door changed). */
  removeAlarms: string[];
  dashboard: { name: string; body: string; put: boolean; remove: boolean };
}

/** Pure: the alarm and dashboard changes that make CloudWatch match release.yaml. */
export function planMonitoring(ctx: DeployContext, current: MonitoringState): DeployPlan<MonitoringDetail> {
  const { resolved } = ctx;
  // Alarms the SageMaker target puts before its blue/green update are up to date by the time this target runs.
  const upstreamPuts = ctx.upstream.sagemaker?.endpointAlarmsPut;
  const byEndpoint = new Set(Array.isArray(upstreamPuts) ? (upstreamPuts as string[]) : []);
  const alarms = planAlarms(
    current.specs.filter((spec) => !byEndpoint.has(spec.AlarmName)),
    current.alarms,
  );
  const wanted = new Set(current.specs.map((s) => s.AlarmName));
  const removeAlarms = Object.keys(current.alarms).filter((name) => !wanted.has(name));
  const changes: Change[] = [
    ...alarms.changes,
    ...removeAlarms.map((id) => ({
      action: 'delete' as const,
      resource: 'CloudWatch::Alarm',
      id,
      reason: 'no longer defined for this environment',
    })),
  ];
  const name = dashboardName(resolved);
  const bodyObject = dashboardBody(resolved, ctx.upstream);
  const enabled = resolved.config.monitoring.enabled && resolved.config.monitoring.dashboard;
  const put = enabled && !isDeepStrictEqual(bodyObject, current.dashboard);
  const remove = !enabled && current.dashboard !== undefined;
  changes.push({
    action: put ? (current.dashboard === undefined ? 'create' : 'update') : remove ? 'delete' : 'noop',
    resource: 'CloudWatch::Dashboard',
    id: name,
    reason: put ? 'widgets changed' : remove ? 'turned off in release.yaml' : enabled ? 'up to date' : 'off',
  });
  return {
    target: 'monitoring',
    changes,
    detail: {
      alarms: { put: alarms.put, create: alarms.create },
      removeAlarms,
      dashboard: { name, body: JSON.stringify(bodyObject), put, remove },
    },
    plannedOutputs: {
      alarmNames: current.specs.map((s) => s.AlarmName),
      rollbackAlarms: guardAlarms(resolved),
      ...(enabled ? { dashboardName: name, dashboardUrl: dashboardUrl(resolved.config.region, name) } : {}),
    },
  };
}
