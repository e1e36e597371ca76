import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../src/index.js';
import { rejection } from './helpers.js';

let fake: FakeAws;
let s3: S3Client;

beforeAll(async () => {
  fake = await startFakeAws();
  s3 = new S3Client({ ...fake.clientConfig, forcePathStyle: true, maxAttempts: 1 });
});
beforeEach(() => fake.reset());
afterEach(() => expect(fake.responseViolations).toEqual([]));
afterAll(async () => {
  s3?.destroy();
  await fake?.stop();
});

describe('S3 buckets', () => {
  it('creates a bucket once; HEAD finds it; a second create is BucketAlreadyOwnedByYou', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'iris-dev-capture' }));
    await s3.send(new HeadBucketCommand({ Bucket: 'iris-dev-capture' }));
    const again = await rejection(s3.send(new CreateBucketCommand({ Bucket: 'iris-dev-capture' })));
    expect(again.name).toBe('BucketAlreadyOwnedByYou');
    expect((await rejection(s3.send(new HeadBucketCommand({ Bucket: 'nope-bucket' })))).name).toBe(
      'NotFound',
    );
  });

  it('refuses invalid names and another account’s bucket', async () => {
    expect((await rejection(s3.send(new CreateBucketCommand({ Bucket: 'Iris_Dev' })))).name).toBe(
      'InvalidBucketName',
    );
    fake.s3.seedForeignBucket('taken-bucket');
    expect((await rejection(s3.send(new CreateBucketCommand({ Bucket: 'taken-bucket' })))).name).toBe(
      'BucketAlreadyExists',
    );
    // A HEAD answer has no body: the SDK knows only the status (it names a 404 NotFound, nothing for a 403).
    const foreign = (await rejection(s3.send(new HeadBucketCommand({ Bucket: 'taken-bucket' })))) as Error & {
      $metadata?: { httpStatusCode?: number };
    };
    expect(foreign.$metadata?.httpStatusCode).toBe(403);
  });

  it('keeps tags, public access block and lifecycle; missing ones are their own errors', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'b-1' }));
    expect((await rejection(s3.send(new GetBucketTaggingCommand({ Bucket: 'b-1' })))).name).toBe(
      'NoSuchTagSet',
    );
    expect(
      (await rejection(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'b-1' })))).name,
    ).toBe('NoSuchLifecycleConfiguration');
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: 'b-1',
        Tagging: { TagSet: [{ Key: 'mlship:app', Value: 'iris' }] },
      }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'b-1',
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true },
      }),
    );
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'b-1',
        LifecycleConfiguration: {
          Rules: [{ ID: 'expire', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 7 } }],
        },
      }),
    );
    const tags = await s3.send(new GetBucketTaggingCommand({ Bucket: 'b-1' }));
    expect(tags.TagSet).toEqual([{ Key: 'mlship:app', Value: 'iris' }]);
    const rules = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'b-1' }));
    expect(rules.Rules?.[0]?.Expiration?.Days).toBe(7);
    expect(fake.s3.buckets.get('b-1')?.publicAccessBlock).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
    });
  });

  it('lists seeded objects page by page and refuses to delete a bucket that holds any', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'b-2' }));
    for (const key of ['c/3', 'c/1', 'c/2', 'other']) fake.s3.putObject('b-2', key);
    const first = await s3.send(new ListObjectsV2Command({ Bucket: 'b-2', Prefix: 'c/', MaxKeys: 2 }));
    expect(first.Contents?.map((o) => o.Key)).toEqual(['c/1', 'c/2']);
    expect(first.IsTruncated).toBe(true);
    const second = await s3.send(
      new ListObjectsV2Command({
        Bucket: 'b-2',
        Prefix: 'c/',
        MaxKeys: 2,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.Contents?.map((o) => o.Key)).toEqual(['c/3']);
    expect((await rejection(s3.send(new DeleteBucketCommand({ Bucket: 'b-2' })))).name).toBe(
      'BucketNotEmpty',
    );
    const out = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'b-2',
        Delete: { Objects: ['c/1', 'c/2', 'c/3', 'other', 'gone'].map((Key) => ({ Key })) },
      }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['c/1', 'c/2', 'c/3', 'other', 'gone']);
    expect(fake.s3.buckets.get('b-2')?.objects).toEqual([]);
    await s3.send(new DeleteBucketCommand({ Bucket: 'b-2' }));
    expect(fake.s3.buckets.has('b-2')).toBe(false);
  });
});
