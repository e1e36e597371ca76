/** CloudWatch Logs state, and how DescribeLogGroups / DescribeLogStreams show it. */
export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

export interface LogStreamRecord {
  logStreamName: string;
  creationTime: number;
  events: LogEvent[];
}

export interface LogGroupRecord {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: string;
  tags: Record<string, string>;
  streams: Map<string, LogStreamRecord>;
}

export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export function describeGroup(g: LogGroupRecord, arn: string) {
  const bytes = [...g.streams.values()].reduce(
    (n, s) => n + s.events.reduce((m, e) => m + Buffer.byteLength(e.message), 0),
    0,
  );
  return {
    logGroupName: g.logGroupName,
    creationTime: g.creationTime,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    logGroupArn: arn,
    storedBytes: bytes,
    logGroupClass: g.logGroupClass,
    ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
    ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
  };
}

export function describeStream(s: LogStreamRecord, groupArn: string) {
  const times = s.events.map((e) => e.timestamp);
  return {
    logStreamName: s.logStreamName,
    creationTime: s.creationTime,
    arn: `${groupArn}:log-stream:${s.logStreamName}`,
    storedBytes: 0,
    ...(times.length > 0
      ? {
          firstEventTimestamp: Math.min(...times),
          lastEventTimestamp: Math.max(...times),
          lastIngestionTime: s.events.at(-1)?.ingestionTime,
        }
      : {}),
  };
}
