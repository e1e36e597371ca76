import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  type MetricAlarm,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { awsClient, type Change, type DeployContext, deployError, type FieldDiff } from '@mlship/core';
import type { AlarmSpec } from './alarms.js';
import { mlshipTags } from './names.js';

type Ctx = Pick<DeployContext, 'resolved' | 'env'>;

export function cloudwatch(ctx: Ctx): CloudWatchClient {
  return awsClient(ctx, CloudWatchClient);
}

/** The named alarms that exist, by name (DescribeAlarms takes at most 100 names per call). */
export async function readAlarms(ctx: Ctx, names: string[]): Promise<Record<string, MetricAlarm>> {
  const found: Record<string, MetricAlarm> = {};
  for (let i = 0; i < names.length; i += 100) {
    let NextToken: string | undefined;
    do {
      const out = await cloudwatch(ctx).send(
        new DescribeAlarmsCommand({
          AlarmNames: names.slice(i, i + 100),
          AlarmTypes: ['MetricAlarm'],
          NextToken,
        }),
      );
      for (const alarm of out.MetricAlarms ?? []) if (alarm.AlarmName) found[alarm.AlarmName] = alarm;
      NextToken = out.NextToken;
    } while (NextToken);
  }
  return found;
}

const sortDims = (dims: Array<{ Name?: string; Value?: string }> | undefined) =>
  [...(dims ?? [])].map((d) => `${d.Name}=${d.Value}`).sort();

/** The fields where the alarm in CloudWatch differs from the spec (absent optional fields compare as unset). */
export function alarmDiff(spec: AlarmSpec, current: MetricAlarm): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const [field, after] of Object.entries(spec)) {
    const before = current[field as keyof MetricAlarm];
    const same =
      field === 'Dimensions'
        ? JSON.stringify(sortDims(before as MetricAlarm['Dimensions'])) ===
          JSON.stringify(sortDims(spec.Dimensions))
        : Array.isArray(after)
          ? JSON.stringify([...((before as string[] | undefined) ?? [])].sort()) ===
            JSON.stringify([...after].sort())
          : before === after;
    if (!same) diffs.push({ field, before, after });
  }
  for (const field of ['Statistic', 'ExtendedStatistic'] as const) {
    if (current[field] !== undefined && spec[field] === undefined) {
      diffs.push({ field, before: current[field], after: undefined });
    }
  }
  return diffs;
}

export interface AlarmPlan {
  changes: Change[];
  /** Specs to PutMetricAlarm (created or changed), in spec order. */
  put: AlarmSpec[];
  /** Names of the ones that do not exist yet (tagged on create). */
  create: string[];
}

/** Pure: which alarms to create or update so CloudWatch matches the specs. */
export function planAlarms(specs: AlarmSpec[], current: Record<string, MetricAlarm>): AlarmPlan {
  const plan: AlarmPlan = { changes: [], put: [], create: [] };
  for (const spec of specs) {
    const existing = current[spec.AlarmName];
    const diff = existing ? alarmDiff(spec, existing) : [];
    const action = !existing ? 'create' : diff.length > 0 ? 'update' : 'noop';
    plan.changes.push({
      action,
      resource: 'CloudWatch::Alarm',
      id: spec.AlarmName,
      reason: action === 'create' ? 'new alarm' : action === 'update' ? 'definition changed' : 'up to date',
      ...(diff.length > 0 ? { diff } : {}),
    });
    if (action !== 'noop') plan.put.push(spec);
    if (action === 'create') plan.create.push(spec.AlarmName);
  }
  return plan;
}

/** Creates or overwrites the alarms (PutMetricAlarm takes tags only when it creates). */
export async function putAlarms(ctx: DeployContext, plan: Pick<AlarmPlan, 'put' | 'create'>): Promise<void> {
  for (const spec of plan.put) {
    ctx.signal?.throwIfAborted();
    const creating = plan.create.includes(spec.AlarmName);
    ctx.host.notify({
      level: 'info',
      message: `${creating ? 'Creating' : 'Updating'} alarm ${spec.AlarmName}`,
    });
    try {
      await cloudwatch(ctx).send(
        new PutMetricAlarmCommand({ ...spec, ...(creating ? { Tags: mlshipTags(ctx.resolved) } : {}) }),
      );
    } catch (error) {
      throw deployError(
        'MONITORING_ALARM_FAILED',
        `CloudWatch refused alarm ${spec.AlarmName}: ${(error as Error).message}`,
        'Check the monitoring thresholds and snsTopicArn in release.yaml, then deploy again.',
      );
    }
  }
}

/** Deletes the alarms that exist among `names`; returns the deleted names. */
export async function deleteAlarms(ctx: Ctx, names: string[]): Promise<string[]> {
  const existing = Object.keys(await readAlarms(ctx, names));
  if (existing.length > 0) await cloudwatch(ctx).send(new DeleteAlarmsCommand({ AlarmNames: existing }));
  return existing;
}
