import { createHash } from 'node:crypto';
import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';

export interface Tag {
  Key: string;
  Value: string;
}

export type ServerlessCacheStatus = 'creating' | 'available' | 'modifying' | 'deleting' | 'create-failed';

export interface ServerlessCacheRecord {
  ServerlessCacheName: string;
  Description?: string;
  CreateTime: Date;
  Status: ServerlessCacheStatus;
  Engine: string;
  MajorEngineVersion: string;
  FullEngineVersion: string;
  SecurityGroupIds: string[];
  SubnetIds: string[];
  ARN: string;
  endpoint: { Address: string; Port: number };
  tags: Tag[];
  pollsLeft: number;
}

const ENGINE_VERSIONS: Record<string, { major: string[]; full: Record<string, string> }> = {
  redis: { major: ['7'], full: { '7': '7.1' } },
  valkey: { major: ['7', '8'], full: { '7': '7.2', '8': '8.0' } },
  memcached: { major: ['1.6'], full: { '1.6': '1.6.22' } },
};

const notFound = (name: string) =>
  new AwsError('ServerlessCacheNotFoundFault', `Serverless cache ${name} not found.`, 404);
const invalidValue = (message: string) => new AwsError('InvalidParameterValue', message, 400);

/** ElastiCache Serverless names: 1-40 lower-case letters, digits, hyphens; a letter first; no "--", no trailing "-". */
function checkName(name: string): void {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(name) || name.includes('--') || name.endsWith('-')) {
    throw invalidValue(
      `Serverless cache name ${name} is invalid: it must be 1 to 40 lowercase letters, digits or hyphens, start with a letter, and must not end with a hyphen or contain two consecutive hyphens.`,
    );
  }
}

/** Stateful fake of the ElastiCache Serverless calls mlship makes (query protocol). Behaviour: FAKES.md. */
export class FakeElastiCache {
  readonly caches = new Map<string, ServerlessCacheRecord>();
  private readonly initialPolls: number;

  constructor(
    readonly region: string,
    readonly accountId: string,
    /** DescribeServerlessCaches calls that still see creating/deleting before the transition completes. */
    public transitionAfterDescribes = 2,
  ) {
    this.initialPolls = transitionAfterDescribes;
  }

  reset(): void {
    this.caches.clear();
    this.transitionAfterDescribes = this.initialPolls;
  }

  /** The next create of `name` ends `create-failed` (set after CreateServerlessCache). */
  failCreate(name: string): void {
    const cache = this.require(name);
    cache.Status = 'create-failed';
    cache.pollsLeft = 0;
  }

  private require(name: string): ServerlessCacheRecord {
    const cache = this.caches.get(name);
    if (!cache) throw notFound(name);
    return cache;
  }

  private advance(cache: ServerlessCacheRecord): void {
    if (cache.Status !== 'creating' && cache.Status !== 'deleting' && cache.Status !== 'modifying') return;
    if (cache.pollsLeft > 0) {
      cache.pollsLeft -= 1;
      return;
    }
    if (cache.Status === 'deleting') this.caches.delete(cache.ServerlessCacheName);
    else cache.Status = 'available';
  }

  private view(cache: ServerlessCacheRecord) {
    const ready = cache.Status === 'available' || cache.Status === 'modifying';
    return {
      ServerlessCacheName: cache.ServerlessCacheName,
      ...(cache.Description ? { Description: cache.Description } : {}),
      CreateTime: cache.CreateTime,
      Status: cache.Status,
      Engine: cache.Engine,
      MajorEngineVersion: cache.MajorEngineVersion,
      FullEngineVersion: cache.FullEngineVersion,
      SecurityGroupIds: [...cache.SecurityGroupIds],
      SubnetIds: [...cache.SubnetIds],
      ARN: cache.ARN,
      ...(ready
        ? {
            Endpoint: { ...cache.endpoint },
            ReaderEndpoint: { Address: cache.endpoint.Address, Port: cache.endpoint.Port + 1 },
          }
        : {}),
    };
  }

  private byArn(arn: string): ServerlessCacheRecord {
    const match = /^arn:aws[\w-]*:elasticache:[\w-]+:\d{12}:serverlesscache:(.+)$/.exec(arn);
    if (!/^arn:/.test(arn)) throw new AwsError('InvalidARN', `${arn} is not a valid ARN.`, 400);
    if (!match?.[1]) throw notFound(arn);
    return this.require(match[1]);
  }

  operations(): Record<string, Handler> {
    return {
      CreateServerlessCache: (input) => {
        const name: string = input.ServerlessCacheName;
        checkName(name);
        if (this.caches.has(name)) {
          throw new AwsError(
            'ServerlessCacheAlreadyExistsFault',
            `Serverless cache ${name} already exists.`,
            400,
          );
        }
        const engine = ENGINE_VERSIONS[input.Engine];
        if (!engine)
          throw invalidValue(
            `Invalid engine: ${input.Engine}. Valid engines are redis, valkey and memcached.`,
          );
        const major: string = input.MajorEngineVersion ?? engine.major[engine.major.length - 1];
        if (!engine.major.includes(major)) {
          throw invalidValue(`Invalid major engine version ${major} for engine ${input.Engine}.`);
        }
        const tags: Tag[] = input.Tags ?? [];
        if (tags.length > 50)
          throw new AwsError('TagQuotaPerResourceExceeded', 'Tag quota per resource exceeded', 400);
        const id = createHash('sha256').update(name).digest('hex').slice(0, 6);
        const cache: ServerlessCacheRecord = {
          ServerlessCacheName: name,
          ...(input.Description ? { Description: input.Description } : {}),
          CreateTime: new Date(),
          Status: 'creating',
          Engine: input.Engine,
          MajorEngineVersion: major,
          FullEngineVersion: engine.full[major] ?? major,
          SecurityGroupIds: input.SecurityGroupIds ?? ['sg-default0'],
          SubnetIds: input.SubnetIds ?? ['subnet-default0', 'subnet-default1'],
          ARN: `arn:aws:elasticache:${this.region}:${this.accountId}:serverlesscache:${name}`,
          endpoint: { Address: `${name}-${id}.serverless.${this.region}.cache.amazonaws.com`, Port: 6379 },
          tags: tags.map((t) => ({ ...t })),
          pollsLeft: this.transitionAfterDescribes,
        };
        this.caches.set(name, cache);
        return { ServerlessCache: this.view(cache) };
      },
      DescribeServerlessCaches: (input) => {
        if (input.ServerlessCacheName) {
          const cache = this.require(input.ServerlessCacheName);
          this.advance(cache);
          return { ServerlessCaches: this.caches.has(cache.ServerlessCacheName) ? [this.view(cache)] : [] };
        }
        for (const cache of [...this.caches.values()]) this.advance(cache);
        return { ServerlessCaches: [...this.caches.values()].map((c) => this.view(c)) };
      },
      DeleteServerlessCache: (input) => {
        const cache = this.require(input.ServerlessCacheName);
        if (cache.Status !== 'available' && cache.Status !== 'create-failed') {
          throw new AwsError(
            'InvalidServerlessCacheStateFault',
            `Serverless cache ${cache.ServerlessCacheName} is not in available state (it is ${cache.Status}).`,
            400,
          );
        }
        cache.Status = 'deleting';
        cache.pollsLeft = this.transitionAfterDescribes;
        return { ServerlessCache: this.view(cache) };
      },
      ListTagsForResource: (input) => ({
        TagList: this.byArn(input.ResourceName).tags.map((t) => ({ ...t })),
      }),
      AddTagsToResource: (input) => {
        const cache = this.byArn(input.ResourceName);
        const tags = new Map(cache.tags.map((t) => [t.Key, t.Value]));
        for (const tag of input.Tags as Tag[]) tags.set(tag.Key, tag.Value);
        if (tags.size > 50)
          throw new AwsError('TagQuotaPerResourceExceeded', 'Tag quota per resource exceeded', 400);
        cache.tags = [...tags].map(([Key, Value]) => ({ Key, Value }));
        return { TagList: cache.tags.map((t) => ({ ...t })) };
      },
    };
  }
}
