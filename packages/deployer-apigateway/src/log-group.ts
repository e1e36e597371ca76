import {
  type CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { isOurs, type Names } from './names.js';

/** The access-log group mlship creates when release.yaml asks for access logs without a destination. */
export function logGroupName(names: Names): string {
  return `/mlship/${names.base}/apigateway-access`;
}

export function logGroupArn(partition: string, region: string, accountId: string, name: string): string {
  return `arn:${partition}:logs:${region}:${accountId}:log-group:${name}`;
}

export interface LogGroupState {
  name: string;
  arn: string;
  retentionInDays?: number;
  ours: boolean;
}

export async function readLogGroup(
  logs: CloudWatchLogsClient,
  names: Names,
): Promise<LogGroupState | undefined> {
  const name = logGroupName(names);
  const found = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, limit: 50 }));
  const group = found.logGroups?.find((g) => g.logGroupName === name);
  if (!group) return undefined;
  const arn = group.logGroupArn ?? (group.arn ?? '').replace(/:\*$/, '');
  const tags = await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  return {
    name,
    arn,
    ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
    ours: isOurs(tags.tags, names),
  };
}

/** Creates the group (tagged) or sets its retention; no call when it already matches. */
export async function ensureLogGroup(
  logs: CloudWatchLogsClient,
  current: LogGroupState | undefined,
  names: Names,
  retentionInDays: number,
): Promise<void> {
  const group = current?.name ?? logGroupName(names);
  if (current && !current.ours) return;
  if (!current) await logs.send(new CreateLogGroupCommand({ logGroupName: group, tags: names.tags }));
  if (current?.retentionInDays !== retentionInDays) {
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays }));
  }
}

export async function deleteLogGroup(logs: CloudWatchLogsClient, name: string): Promise<void> {
  await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
}
