import {
  CreateBucketCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  PutBucketEncryptionCommand,
  PutBucketTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsError, type FakeAws, startFakeAws } from '../src/index.js';
import { rejection } from './helpers.js';

const modified = new Date('2026-11-01T10:00:00Z');
let fake: FakeAws;
let s3: S3Client;
const buckets = new Set<string>();
const missing = (name: string) =>
  new AwsError('NoSuchBucket', 'The specified bucket does not exist', undefined, { BucketName: name });

beforeAll(async () => {
  fake = await startFakeAws({
    stubs: {
      s3: {
        CreateBucket: (input) => {
          buckets.add(input.Bucket);
          return { Location: `/${input.Bucket}` };
        },
        HeadBucket: (input) => {
          if (!buckets.has(input.Bucket)) throw new AwsError('NoSuchBucket', '', 404);
          return { BucketRegion: 'eu-west-1' };
        },
        PutBucketTagging: () => ({}),
        PutBucketEncryption: () => ({}),
        GetBucketTagging: () => ({
          TagSet: [
            { Key: 'mlship:env', Value: 'dev' },
            { Key: 'team', Value: 'ml' },
          ],
        }),
        ListObjectsV2: (input) => {
          if (!buckets.has(input.Bucket)) throw missing(input.Bucket);
          return {
            Name: input.Bucket,
            Prefix: input.Prefix,
            KeyCount: 2,
            MaxKeys: 1000,
            IsTruncated: false,
            Contents: [
              { Key: 'models/a.onnx', Size: 10, LastModified: modified, StorageClass: 'STANDARD' },
              { Key: 'models/b.onnx', Size: 20, LastModified: modified, StorageClass: 'STANDARD' },
            ],
          };
        },
      },
    },
  });
  s3 = new S3Client({ ...fake.clientConfig, maxAttempts: 1 });
});
beforeEach(() => {
  fake.reset();
  buckets.clear();
});
afterEach(() => expect(fake.responseViolations).toEqual([]));
afterAll(async () => {
  s3?.destroy();
  await fake?.stop();
});

describe('restXml (S3, path-style against the loopback endpoint)', () => {
  it('reads an XML payload and header bindings, and answers header members', async () => {
    const out = await s3.send(
      new CreateBucketCommand({
        Bucket: 'iris-models',
        ACL: 'private',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    expect(out.Location).toBe('/iris-models');
    expect(fake.calls[0]?.input).toEqual({
      Bucket: 'iris-models',
      ACL: 'private',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    });
    expect((await s3.send(new HeadBucketCommand({ Bucket: 'iris-models' }))).BucketRegion).toBe('eu-west-1');
  });

  it('answers HEAD errors without a body, which the SDK names NotFound', async () => {
    const error = await rejection(s3.send(new HeadBucketCommand({ Bucket: 'nope' })));
    expect(error.name).toBe('NotFound');
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(404);
  });

  it('decodes wrapped and flattened lists, and routes by the literal query key (?tagging, ?encryption)', async () => {
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: 'b',
        Tagging: {
          TagSet: [
            { Key: 'a', Value: '1' },
            { Key: 'b', Value: '2' },
          ],
        },
      }),
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'b',
        ServerSideEncryptionConfiguration: {
          Rules: [
            { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/x' } },
          ],
        },
      }),
    );
    expect(fake.calls.map((c) => [c.operation, c.input])).toEqual([
      [
        'PutBucketTagging',
        {
          Bucket: 'b',
          Tagging: {
            TagSet: [
              { Key: 'a', Value: '1' },
              { Key: 'b', Value: '2' },
            ],
          },
          ChecksumAlgorithm: 'CRC32',
        },
      ],
      [
        'PutBucketEncryption',
        {
          Bucket: 'b',
          ServerSideEncryptionConfiguration: {
            Rules: [
              { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/x' } },
            ],
          },
          ChecksumAlgorithm: 'CRC32',
        },
      ],
    ]);
    const tags = await s3.send(new GetBucketTaggingCommand({ Bucket: 'b' }));
    expect(tags.TagSet).toEqual([
      { Key: 'mlship:env', Value: 'dev' },
      { Key: 'team', Value: 'ml' },
    ]);
  });

  it('answers XML bodies with flattened lists and timestamps, and XML errors with the modelled status', async () => {
    buckets.add('m');
    const out = await s3.send(new ListObjectsV2Command({ Bucket: 'm', Prefix: 'models/' }));
    expect(out.Contents?.map((o) => [o.Key, o.Size, o.LastModified?.toISOString()])).toEqual([
      ['models/a.onnx', 10, modified.toISOString()],
      ['models/b.onnx', 20, modified.toISOString()],
    ]);
    expect([out.KeyCount, out.IsTruncated, out.Prefix]).toEqual([2, false, 'models/']);
    const error = await rejection(s3.send(new ListObjectsV2Command({ Bucket: 'gone' })));
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect([error.name, error.message]).toEqual(['NoSuchBucket', 'The specified bucket does not exist']);
  });

  describe('from the environment', () => {
    afterEach(() => vi.unstubAllEnvs());
    it('serves a client configured only by AWS_ENDPOINT_URL_S3 (path-style for an IP endpoint)', async () => {
      for (const [key, value] of Object.entries(fake.env)) vi.stubEnv(key, value);
      const client = new S3Client({});
      await client.send(new CreateBucketCommand({ Bucket: 'from-env' }));
      client.destroy();
      expect(buckets.has('from-env')).toBe(true);
    });
  });
});
