import { page } from '../paging.js';
import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import { matcher } from './filter.js';
import {
  describeGroup,
  describeStream,
  type LogGroupRecord,
  type LogStreamRecord,
  RETENTION_DAYS,
} from './state.js';

const invalid = (message: string) => new AwsError('InvalidParameterException', message);
const groupNotFound = () =>
  new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');

/** CloudWatch Logs: log groups, streams and events. Behaviour: FAKES.md. */
export class FakeLogs {
  readonly groups = new Map<string, LogGroupRecord>();
  private eventCounter = 0;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** Writes events as a service would (Lambda, SageMaker): creates the group and stream when missing. */
  putEvents(groupName: string, streamName: string, events: { timestamp: number; message: string }[]): void {
    const group = this.groups.get(groupName) ?? this.createGroup(groupName, {});
    let stream = group.streams.get(streamName);
    if (!stream) {
      stream = { logStreamName: streamName, creationTime: Date.now(), events: [] };
      group.streams.set(streamName, stream);
    }
    for (const e of events) {
      this.eventCounter += 1;
      stream.events.push({
        ...e,
        ingestionTime: Date.now(),
        eventId: String(this.eventCounter).padStart(56, '0'),
      });
    }
  }

  tagsOf(groupName: string): Record<string, string> {
    return { ...this.groups.get(groupName)?.tags };
  }

  reset(): void {
    this.groups.clear();
    this.eventCounter = 0;
  }

  operations(): Record<string, Handler> {
    return {
      CreateLogGroup: (input) => {
        if (this.groups.has(input.logGroupName)) {
          throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
        }
        if (input.logGroupName.startsWith('aws/')) throw invalid("Log group names can't start with aws/");
        this.createGroup(input.logGroupName, input);
        return {};
      },
      DescribeLogGroups: (input) => {
        if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
          throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
        }
        const groups = [...this.groups.values()]
          .filter((g) => !input.logGroupNamePrefix || g.logGroupName.startsWith(input.logGroupNamePrefix))
          .filter((g) => !input.logGroupNamePattern || g.logGroupName.includes(input.logGroupNamePattern))
          .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1));
        const query = `groups|${input.logGroupNamePrefix ?? ''}|${input.logGroupNamePattern ?? ''}`;
        const { items, nextToken } = page(groups, input.nextToken, input.limit ?? 50, query, badToken);
        return {
          logGroups: items.map((g) => describeGroup(g, this.groupArn(g.logGroupName))),
          ...(nextToken ? { nextToken } : {}),
        };
      },
      DeleteLogGroup: (input) => {
        if (!this.groups.delete(input.logGroupName)) throw groupNotFound();
        return {};
      },
      PutRetentionPolicy: (input) => {
        if (!RETENTION_DAYS.includes(input.retentionInDays)) {
          throw invalid(
            `1 validation error detected: Value '${input.retentionInDays}' at 'retentionInDays' failed to satisfy ` +
              `constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
          );
        }
        this.group(input.logGroupName).retentionInDays = input.retentionInDays;
        return {};
      },
      DescribeLogStreams: (input) => {
        const group = this.group(this.identify(input));
        if (input.logStreamNamePrefix !== undefined && input.orderBy === 'LastEventTime') {
          throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
        }
        const streams = [...group.streams.values()].filter(
          (s) => !input.logStreamNamePrefix || s.logStreamName.startsWith(input.logStreamNamePrefix),
        );
        const key = (s: LogStreamRecord) =>
          input.orderBy === 'LastEventTime' ? (s.events.at(-1)?.timestamp ?? 0) : s.logStreamName;
        streams.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        if (input.descending) streams.reverse();
        const query = `streams|${group.logGroupName}|${input.logStreamNamePrefix ?? ''}|${input.orderBy}|${input.descending}`;
        const { items, nextToken } = page(streams, input.nextToken, input.limit ?? 50, query, badToken);
        return {
          logStreams: items.map((s) => describeStream(s, this.groupArn(group.logGroupName))),
          ...(nextToken ? { nextToken } : {}),
        };
      },
      FilterLogEvents: (input) => this.filter(input),
      TagResource: (input) => {
        Object.assign(this.groupByArn(input.resourceArn).tags, input.tags);
        return {};
      },
      ListTagsForResource: (input) => ({ tags: { ...this.groupByArn(input.resourceArn).tags } }),
    };
  }

  private filter(input: {
    logGroupName?: string;
    logGroupIdentifier?: string;
    logStreamNames?: string[];
    logStreamNamePrefix?: string;
    startTime?: number;
    endTime?: number;
    filterPattern?: string;
    nextToken?: string;
    limit?: number;
  }) {
    const group = this.group(this.identify(input));
    if (input.logStreamNames && input.logStreamNamePrefix !== undefined) {
      throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    }
    const matches = matcher(input.filterPattern);
    const events = [...group.streams.values()]
      .filter((s) => !input.logStreamNames || input.logStreamNames.includes(s.logStreamName))
      .filter((s) => !input.logStreamNamePrefix || s.logStreamName.startsWith(input.logStreamNamePrefix))
      .flatMap((s) => s.events.map((e) => ({ logStreamName: s.logStreamName, ...e })))
      .filter((e) => input.startTime === undefined || e.timestamp >= input.startTime)
      .filter((e) => input.endTime === undefined || e.timestamp <= input.endTime)
      .filter((e) => matches(e.message))
      .sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
    const query = JSON.stringify({ ...input, nextToken: undefined, limit: undefined });
    const { items, nextToken } = page(events, input.nextToken, input.limit ?? 10000, query, badToken);
    return { events: items, ...(nextToken ? { nextToken } : {}) };
  }

  private identify(input: { logGroupName?: string; logGroupIdentifier?: string }): string {
    if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
      throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    }
    const id = input.logGroupName ?? input.logGroupIdentifier;
    if (id === undefined) throw invalid('Should provide either name or ARN of the log group.');
    return /^arn:aws:logs:[^:]+:\d{12}:log-group:(.+?)(:\*)?$/.exec(id)?.[1] ?? id;
  }

  private groupByArn(arn: string): LogGroupRecord {
    const name = /^arn:aws:logs:[^:]+:\d{12}:log-group:(.+?)(:\*)?$/.exec(arn)?.[1];
    const group = name ? this.groups.get(name) : undefined;
    if (!group) throw groupNotFound();
    return group;
  }

  private groupArn(name: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`;
  }

  private group(name: string): LogGroupRecord {
    const group = this.groups.get(name);
    if (!group) throw groupNotFound();
    return group;
  }

  private createGroup(
    name: string,
    input: { kmsKeyId?: string; tags?: Record<string, string>; logGroupClass?: string },
  ): LogGroupRecord {
    const group: LogGroupRecord = {
      logGroupName: name,
      creationTime: Date.now(),
      logGroupClass: input.logGroupClass ?? 'STANDARD',
      tags: { ...input.tags },
      streams: new Map(),
      ...(input.kmsKeyId ? { kmsKeyId: input.kmsKeyId } : {}),
    };
    this.groups.set(name, group);
    return group;
  }
}

function badToken(): AwsError {
  return new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
}
