import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  PutRetentionPolicyCommand,
  TagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();
let logs: CloudWatchLogsClient;
beforeAll(() => {
  logs = new CloudWatchLogsClient({ ...h.fake.clientConfig, maxAttempts: 1 });
});
afterAll(() => logs?.destroy());

const GROUP = '/aws/lambda/iris-proxy';

describe('CloudWatch Logs groups', () => {
  it('creates, describes (ASCII order, prefix, paginated), sets retention, tags and deletes groups', async () => {
    for (const name of [GROUP, '/aws/lambda/a', '/aws/sagemaker/Endpoints/iris-dev']) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    }
    const dup = await rejection(logs.send(new CreateLogGroupCommand({ logGroupName: GROUP })));
    expect([dup.name, dup.message]).toEqual([
      'ResourceAlreadyExistsException',
      'The specified log group already exists',
    ]);

    const first = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/', limit: 1 }),
    );
    expect(first.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/lambda/a']);
    const second = await logs.send(
      new DescribeLogGroupsCommand({
        logGroupNamePrefix: '/aws/lambda/',
        limit: 1,
        nextToken: first.nextToken,
      }),
    );
    expect(second.logGroups?.map((g) => g.logGroupName)).toEqual([GROUP]);
    expect(second.nextToken).toBeUndefined();

    await logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 14 }));
    const bad = await rejection(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 2 })),
    );
    expect(bad.name).toBe('InvalidParameterException');
    expect(bad.message).toContain("Value '2' at 'retentionInDays' failed to satisfy constraint");
    const described = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }));
    expect(described.logGroups?.[0]).toMatchObject({
      retentionInDays: 14,
      arn: `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}:*`,
      logGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}`,
    });

    await logs.send(
      new TagResourceCommand({
        resourceArn: described.logGroups?.[0]?.logGroupArn,
        tags: { 'mlship:env': 'dev' },
      }),
    );
    expect(h.fake.logs.tagsOf(GROUP)).toEqual({ 'mlship:env': 'dev' });

    await logs.send(new DeleteLogGroupCommand({ logGroupName: GROUP }));
    const gone = await rejection(logs.send(new DeleteLogGroupCommand({ logGroupName: GROUP })));
    expect([gone.name, gone.message]).toEqual([
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    ]);
  });
});

describe('CloudWatch Logs events', () => {
  it('filters events by pattern and time, in timestamp order, with nextToken pagination', async () => {
    h.fake.logs.putEvents(GROUP, '2026/11/30/[$LATEST]a', [
      { timestamp: 1000, message: 'START RequestId: 1' },
      { timestamp: 3000, message: 'ERROR redis timeout after 100 ms' },
    ]);
    h.fake.logs.putEvents(GROUP, '2026/11/30/[$LATEST]b', [
      { timestamp: 2000, message: 'ERROR Task timed out after 3.00 seconds' },
      { timestamp: 4000, message: 'ERROR redis timeout after 100 ms' },
    ]);
    const all = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'ERROR' }));
    expect(all.events?.map((e) => e.timestamp)).toEqual([2000, 3000, 4000]);

    const p1 = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'ERROR "redis timeout"', limit: 1 }),
    );
    expect(p1.events?.map((e) => [e.timestamp, e.logStreamName])).toEqual([[3000, '2026/11/30/[$LATEST]a']]);
    const p2 = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: GROUP,
        filterPattern: 'ERROR "redis timeout"',
        limit: 1,
        nextToken: p1.nextToken,
      }),
    );
    expect(p2.events?.map((e) => e.timestamp)).toEqual([4000]);
    expect(p2.nextToken).toBeUndefined();

    const window = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: GROUP,
        startTime: 1500,
        endTime: 3000,
        filterPattern: '-redis',
      }),
    );
    expect(window.events?.map((e) => e.message)).toEqual(['ERROR Task timed out after 3.00 seconds']);
  });

  it('describes streams by name or last event time, and refuses a prefix with LastEventTime', async () => {
    h.fake.logs.putEvents(GROUP, 'b', [{ timestamp: 1000, message: 'x' }]);
    h.fake.logs.putEvents(GROUP, 'a', [{ timestamp: 5000, message: 'y' }]);
    const byName = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
    expect(byName.logStreams?.map((s) => s.logStreamName)).toEqual(['a', 'b']);
    const latest = await logs.send(
      new DescribeLogStreamsCommand({
        logGroupName: GROUP,
        orderBy: 'LastEventTime',
        descending: true,
        limit: 1,
      }),
    );
    expect(latest.logStreams?.[0]).toMatchObject({ logStreamName: 'a', lastEventTimestamp: 5000 });
    const bad = await rejection(
      logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: GROUP,
          orderBy: 'LastEventTime',
          logStreamNamePrefix: 'a',
        }),
      ),
    );
    expect(bad.name).toBe('InvalidParameterException');
    const missing = await rejection(logs.send(new FilterLogEventsCommand({ logGroupName: '/nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});
