import { page } from '../paging.js';
import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import { type AlarmRecord, describeAlarms, invalidNextToken, type StateValue } from './alarms.js';
import { assertValidBody, type DashboardRecord } from './dashboards.js';

type Tag = { Key: string; Value: string };

/** CloudWatch metric alarms and dashboards (awsJson1_0, query-compatible errors). Behaviour: FAKES.md. */
export class FakeCloudWatch {
  readonly alarms = new Map<string, AlarmRecord>();
  readonly dashboards = new Map<string, DashboardRecord>();
  /** Tags by ARN (alarms and dashboards). */
  readonly tags = new Map<string, Tag[]>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** Moves an alarm to a state, as an evaluation would (e.g. ALARM to drive a SageMaker rollback scenario). */
  setAlarmState(name: string, state: StateValue, reason = `Threshold Crossed (fake)`): void {
    const alarm = this.alarms.get(name);
    if (!alarm) throw new Error(`no alarm ${name}`);
    const now = new Date();
    alarm.StateValue = state;
    alarm.StateReason = reason;
    alarm.StateUpdatedTimestamp = now;
    alarm.StateTransitionedTimestamp = now;
  }

  reset(): void {
    this.alarms.clear();
    this.dashboards.clear();
    this.tags.clear();
  }

  operations(): Record<string, Handler> {
    return {
      PutMetricAlarm: ({ Tags, ...input }) => {
        if (!input.MetricName && !input.Metrics && !input.EvaluationCriteria) {
          throw new AwsError('ValidationError', 'Metrics list must not be empty, or MetricName must be set.');
        }
        if (input.MetricName && input.Metrics) {
          throw new AwsError('InvalidParameterCombination', 'MetricName and Metrics are mutually exclusive.');
        }
        const now = new Date();
        const existing = this.alarms.get(input.AlarmName);
        const arn = `arn:aws:cloudwatch:${this.region}:${this.accountId}:alarm:${input.AlarmName}`;
        this.alarms.set(input.AlarmName, {
          ActionsEnabled: true,
          OKActions: [],
          AlarmActions: [],
          InsufficientDataActions: [],
          Dimensions: [],
          ...input,
          AlarmArn: arn,
          AlarmConfigurationUpdatedTimestamp: now,
          StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
          StateReason: existing?.StateReason ?? 'Unchecked: Initial alarm creation',
          StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now,
          StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? now,
        });
        // Tags given to an update are ignored (PutMetricAlarm reference); use TagResource.
        if (!existing && Tags) this.tags.set(arn, Tags);
        return {};
      },
      DescribeAlarms: (input) => describeAlarms([...this.alarms.values()], input),
      DeleteAlarms: (input) => {
        const missing = input.AlarmNames.filter((n: string) => !this.alarms.has(n));
        for (const name of input.AlarmNames as string[]) {
          const alarm = this.alarms.get(name);
          if (alarm) this.tags.delete(alarm.AlarmArn);
          this.alarms.delete(name);
        }
        if (missing.length > 0) {
          throw new AwsError('ResourceNotFound', `Alarm(s) not found: ${missing.join(', ')}`);
        }
        return {};
      },
      PutDashboard: ({ DashboardName, DashboardBody, Tags }) => {
        assertValidBody(DashboardBody);
        const arn = `arn:aws:cloudwatch::${this.accountId}:dashboard/${DashboardName}`;
        this.dashboards.set(DashboardName, {
          DashboardName,
          DashboardArn: arn,
          DashboardBody,
          LastModified: new Date(),
        });
        if (Tags) this.tags.set(arn, Tags);
        return { DashboardValidationMessages: [] };
      },
      GetDashboard: ({ DashboardName }) => {
        const d = this.dashboards.get(DashboardName);
        if (!d) throw dashboardNotFound(DashboardName);
        return { DashboardName, DashboardArn: d.DashboardArn, DashboardBody: d.DashboardBody };
      },
      DeleteDashboards: ({ DashboardNames }) => {
        const missing = (DashboardNames as string[]).find((n) => !this.dashboards.has(n));
        if (missing) throw dashboardNotFound(missing);
        for (const name of DashboardNames as string[]) {
          this.tags.delete(this.dashboards.get(name)?.DashboardArn ?? '');
          this.dashboards.delete(name);
        }
        return {};
      },
      ListDashboards: ({ DashboardNamePrefix, NextToken }) => {
        const all = [...this.dashboards.values()]
          .filter((d) => !DashboardNamePrefix || d.DashboardName.startsWith(DashboardNamePrefix))
          .sort((a, b) => (a.DashboardName < b.DashboardName ? -1 : 1));
        const { items, nextToken } = page(
          all,
          NextToken,
          1000,
          `d|${DashboardNamePrefix ?? ''}`,
          invalidNextToken,
        );
        return {
          DashboardEntries: items.map((d) => ({
            DashboardName: d.DashboardName,
            DashboardArn: d.DashboardArn,
            LastModified: d.LastModified,
            Size: Buffer.byteLength(d.DashboardBody),
          })),
          ...(nextToken ? { NextToken: nextToken } : {}),
        };
      },
      TagResource: ({ ResourceARN, Tags }) => {
        const current = this.requireTaggable(ResourceARN);
        const merged = new Map(current.map((t) => [t.Key, t.Value]));
        for (const t of Tags as Tag[]) merged.set(t.Key, t.Value);
        this.tags.set(
          ResourceARN,
          [...merged].map(([Key, Value]) => ({ Key, Value })),
        );
        return {};
      },
      ListTagsForResource: ({ ResourceARN }) => ({ Tags: this.requireTaggable(ResourceARN) }),
    };
  }

  private requireTaggable(arn: string): Tag[] {
    const known =
      [...this.alarms.values()].some((a) => a.AlarmArn === arn) ||
      [...this.dashboards.values()].some((d) => d.DashboardArn === arn);
    if (!known) {
      throw new AwsError(
        'ResourceNotFoundException',
        `The specified resource ${arn} does not exist.`,
        undefined,
        {
          ResourceId: arn,
        },
      );
    }
    return this.tags.get(arn) ?? [];
  }
}

function dashboardNotFound(name: string): AwsError {
  return new AwsError('DashboardNotFoundError', `Dashboard ${name} does not exist`);
}
