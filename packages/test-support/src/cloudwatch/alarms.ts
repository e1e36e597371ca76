import { page } from '../paging.js';
import { AwsError } from '../server/aws-error.js';

export type StateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmRecord {
  AlarmName: string;
  AlarmArn: string;
  StateValue: StateValue;
  StateReason: string;
  StateUpdatedTimestamp: Date;
  StateTransitionedTimestamp: Date;
  AlarmConfigurationUpdatedTimestamp: Date;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  Dimensions: { Name: string; Value: string }[];
  [member: string]: unknown;
}

/** DescribeAlarms over the fake's metric alarms: filters, name order, MaxRecords/NextToken pages. */
export function describeAlarms(
  all: AlarmRecord[],
  input: {
    AlarmNames?: string[];
    AlarmNamePrefix?: string;
    AlarmTypes?: string[];
    StateValue?: StateValue;
    ActionPrefix?: string;
    MaxRecords?: number;
    NextToken?: string;
  },
) {
  if (input.AlarmNames && input.AlarmNamePrefix !== undefined) {
    throw new AwsError(
      'InvalidParameterCombination',
      'AlarmNames and AlarmNamePrefix cannot be specified together.',
    );
  }
  const metricAlarms = !input.AlarmTypes || input.AlarmTypes.includes('MetricAlarm');
  const alarms = all
    .filter(() => metricAlarms)
    .filter((a) => !input.AlarmNames || input.AlarmNames.includes(a.AlarmName))
    .filter((a) => !input.AlarmNamePrefix || a.AlarmName.startsWith(input.AlarmNamePrefix))
    .filter((a) => !input.StateValue || a.StateValue === input.StateValue)
    .filter(
      (a) =>
        !input.ActionPrefix ||
        [...a.OKActions, ...a.AlarmActions, ...a.InsufficientDataActions].some((x) =>
          x.startsWith(input.ActionPrefix as string),
        ),
    )
    .sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1));
  const query = JSON.stringify({ ...input, NextToken: undefined, MaxRecords: undefined });
  const { items, nextToken } = page(alarms, input.NextToken, input.MaxRecords ?? 50, query, invalidNextToken);
  return {
    MetricAlarms: items.map((a) => structuredClone(a)),
    CompositeAlarms: [],
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function invalidNextToken(): AwsError {
  return new AwsError('InvalidNextToken', 'The service returned an invalid NextToken.');
}
