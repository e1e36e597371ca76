import { page } from '../paging.js';
import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';

type Tag = { Key: string; Value: string };

export interface S3Object {
  Key: string;
  Size: number;
  LastModified: Date;
}

export interface BucketRecord {
  name: string;
  region: string;
  /** The account that owns it: a bucket of another account answers 403 (names are global). */
  owner: string;
  tags?: Tag[];
  encryption?: unknown;
  publicAccessBlock?: Record<string, boolean>;
  lifecycleRules?: Array<Record<string, unknown>>;
  objects: S3Object[];
}

/** Bucket names: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** S3 buckets (restXml): the bucket-level calls mlship makes and object listings of seeded objects. FAKES.md. */
export class FakeS3 {
  readonly buckets = new Map<string, BucketRecord>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** Puts an object the way SageMaker Data Capture would (no PutObject call is faked). */
  putObject(bucket: string, key: string, size = 100, lastModified = new Date()): void {
    this.bucket(bucket).objects.push({ Key: key, Size: size, LastModified: lastModified });
  }

  /** A bucket another account owns under this name (global namespace). */
  seedForeignBucket(name: string): void {
    this.buckets.set(name, { name, region: this.region, owner: '999999999999', objects: [] });
  }

  reset(): void {
    this.buckets.clear();
  }

  private bucket(name: string): BucketRecord {
    const bucket = this.buckets.get(name);
    if (!bucket) {
      throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
    }
    if (bucket.owner !== this.accountId) throw new AwsError('AccessDenied', 'Access Denied', 403);
    return bucket;
  }

  operations(): Record<string, Handler> {
    return {
      CreateBucket: ({ Bucket, CreateBucketConfiguration }) => {
        if (!BUCKET_NAME.test(Bucket) || Bucket.includes('..')) {
          throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, {
            BucketName: Bucket,
          });
        }
        const location = CreateBucketConfiguration?.LocationConstraint as string | undefined;
        if (this.region !== 'us-east-1' && location !== this.region) {
          throw new AwsError(
            'IllegalLocationConstraintException',
            location
              ? `The ${location} location constraint is incompatible for the region specific endpoint this request was sent to.`
              : 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
            400,
          );
        }
        if (this.region === 'us-east-1' && location === 'us-east-1') {
          throw new AwsError(
            'InvalidLocationConstraint',
            'The specified location-constraint is not valid',
            400,
          );
        }
        const existing = this.buckets.get(Bucket);
        if (existing?.owner === this.accountId) {
          throw new AwsError(
            'BucketAlreadyOwnedByYou',
            'Your previous request to create the named bucket succeeded and you already own it.',
            409,
          );
        }
        if (existing) {
          throw new AwsError(
            'BucketAlreadyExists',
            'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
            409,
          );
        }
        this.buckets.set(Bucket, { name: Bucket, region: this.region, owner: this.accountId, objects: [] });
        return { Location: `/${Bucket}`, BucketArn: `arn:aws:s3:::${Bucket}` };
      },
      HeadBucket: ({ Bucket }) => {
        const existing = this.buckets.get(Bucket);
        // HEAD answers carry no body: only the status tells.
        if (!existing) throw new AwsError('NotFound', '', 404);
        if (existing.owner !== this.accountId) throw new AwsError('Forbidden', '', 403);
        return { BucketRegion: existing.region };
      },
      DeleteBucket: ({ Bucket }) => {
        const bucket = this.bucket(Bucket);
        if (bucket.objects.length > 0) {
          throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
            BucketName: Bucket,
          });
        }
        this.buckets.delete(Bucket);
        return {};
      },
      PutBucketEncryption: ({ Bucket, ServerSideEncryptionConfiguration }) => {
        this.bucket(Bucket).encryption = ServerSideEncryptionConfiguration;
        return {};
      },
      PutPublicAccessBlock: ({ Bucket, PublicAccessBlockConfiguration }) => {
        this.bucket(Bucket).publicAccessBlock = PublicAccessBlockConfiguration;
        return {};
      },
      PutBucketLifecycleConfiguration: ({ Bucket, LifecycleConfiguration }) => {
        const rules = (LifecycleConfiguration?.Rules ?? []) as Array<Record<string, unknown>>;
        for (const rule of rules) {
          if (rule.Prefix !== undefined && rule.Filter !== undefined) {
            throw new AwsError(
              'MalformedXML',
              'The XML you provided was not well-formed or did not validate against our published schema',
              400,
            );
          }
          const days = (rule.Expiration as { Days?: number } | undefined)?.Days;
          if (days !== undefined && days <= 0) {
            throw new AwsError(
              'InvalidArgument',
              "'Days' for Expiration action must be a positive integer",
              400,
            );
          }
        }
        this.bucket(Bucket).lifecycleRules = rules;
        return {};
      },
      GetBucketLifecycleConfiguration: ({ Bucket }) => {
        const bucket = this.bucket(Bucket);
        if (!bucket.lifecycleRules) {
          throw new AwsError(
            'NoSuchLifecycleConfiguration',
            'The lifecycle configuration does not exist',
            404,
            {
              BucketName: Bucket,
            },
          );
        }
        return { Rules: bucket.lifecycleRules };
      },
      PutBucketTagging: ({ Bucket, Tagging }) => {
        const tags = (Tagging?.TagSet ?? []) as Tag[];
        if (new Set(tags.map((t) => t.Key)).size !== tags.length) {
          throw new AwsError('InvalidTag', 'Cannot provide multiple Tags with the same key', 400);
        }
        this.bucket(Bucket).tags = tags;
        return {};
      },
      GetBucketTagging: ({ Bucket }) => {
        const bucket = this.bucket(Bucket);
        if (!bucket.tags || bucket.tags.length === 0) {
          throw new AwsError('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: Bucket });
        }
        return { TagSet: bucket.tags };
      },
      DeleteObjects: ({ Bucket, Delete }) => {
        const bucket = this.bucket(Bucket);
        const keys = ((Delete?.Objects ?? []) as Array<{ Key: string }>).map((o) => o.Key);
        if (keys.length === 0 || keys.length > 1000) {
          throw new AwsError(
            'MalformedXML',
            'The XML you provided was not well-formed or did not validate against our published schema',
            400,
          );
        }
        // Deleting a key that does not exist succeeds too (S3 reports it as deleted).
        bucket.objects = bucket.objects.filter((o) => !keys.includes(o.Key));
        return Delete?.Quiet ? {} : { Deleted: keys.map((Key) => ({ Key })) };
      },
      ListObjectsV2: ({ Bucket, Prefix, MaxKeys, ContinuationToken }) => {
        const bucket = this.bucket(Bucket);
        const all = bucket.objects
          .filter((o) => !Prefix || o.Key.startsWith(Prefix))
          .sort((a, b) => (a.Key < b.Key ? -1 : 1));
        const size = Math.min(MaxKeys ?? 1000, 1000);
        const { items, nextToken } = page(
          all,
          ContinuationToken,
          Math.max(size, 1),
          `${Bucket}|${Prefix ?? ''}`,
          () => new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400),
        );
        const contents = size === 0 ? [] : items;
        return {
          Name: Bucket,
          ...(Prefix ? { Prefix } : {}),
          MaxKeys: MaxKeys ?? 1000,
          KeyCount: contents.length,
          IsTruncated: Boolean(nextToken) && size > 0,
          ...(contents.length > 0
            ? { Contents: contents.map((o) => ({ ...o, StorageClass: 'STANDARD', ETag: '"fake"' })) }
            : {}),
          ...(ContinuationToken ? { ContinuationToken } : {}),
          ...(nextToken && size > 0 ? { NextContinuationToken: nextToken } : {}),
        };
      },
    };
  }
}
