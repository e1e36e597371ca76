import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';

export interface LogGroupRecord {
  logGroupName: string;
  arn: string;
  creationTime: number;
  retentionInDays?: number;
  tags: Record<string, string>;
}

/** CloudWatch Logs accepts only these retention periods (PutRetentionPolicy). */
const RETENTION_DAYS = new Set([
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
]);

const notFound = () =>
  new AwsError('ResourceNotFoundException', 'The specified log group does not exist.', 400);

/** Stateful fake of the CloudWatch Logs log-group calls mlship makes. Behaviour: FAKES.md. */
export class FakeLogs {
  readonly groups = new Map<string, LogGroupRecord>();

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  reset(): void {
    this.groups.clear();
  }

  /** A log group created outside mlship (as Lambda does on a function's first invocation). */
  seedLogGroup(name: string, tags: Record<string, string> = {}): LogGroupRecord {
    const group = {
      logGroupName: name,
      arn: `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`,
      creationTime: Date.now(),
      tags: { ...tags },
    };
    this.groups.set(name, group);
    return group;
  }

  private require(name: string): LogGroupRecord {
    const group = this.groups.get(name);
    if (!group) throw notFound();
    return group;
  }

  private byArn(arn: string): LogGroupRecord {
    const group = [...this.groups.values()].find((g) => g.arn === arn || `${g.arn}:*` === arn);
    if (!group) throw notFound();
    return group;
  }

  operations(): Record<string, Handler> {
    return {
      CreateLogGroup: (input) => {
        if (this.groups.has(input.logGroupName)) {
          throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists', 400);
        }
        this.seedLogGroup(input.logGroupName, input.tags ?? {});
        return {};
      },
      DescribeLogGroups: (input) => {
        const prefix: string = input.logGroupNamePrefix ?? '';
        const groups = [...this.groups.values()]
          .filter((g) => g.logGroupName.startsWith(prefix))
          .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1))
          .slice(0, input.limit ?? 50);
        return {
          logGroups: groups.map((g) => ({
            logGroupName: g.logGroupName,
            creationTime: g.creationTime,
            ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
            arn: `${g.arn}:*`,
            logGroupArn: g.arn,
            storedBytes: 0,
          })),
        };
      },
      DeleteLogGroup: (input) => {
        this.require(input.logGroupName);
        this.groups.delete(input.logGroupName);
        return {};
      },
      PutRetentionPolicy: (input) => {
        if (!RETENTION_DAYS.has(input.retentionInDays)) {
          throw new AwsError(
            'InvalidParameterException',
            `1 validation error detected: Value '${input.retentionInDays}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${[...RETENTION_DAYS].join(', ')}]`,
            400,
          );
        }
        this.require(input.logGroupName).retentionInDays = input.retentionInDays;
        return {};
      },
      TagResource: (input) => {
        const group = this.byArn(input.resourceArn);
        group.tags = { ...group.tags, ...input.tags };
        return {};
      },
      ListTagsForResource: (input) => ({ tags: { ...this.byArn(input.resourceArn).tags } }),
    };
  }
}
