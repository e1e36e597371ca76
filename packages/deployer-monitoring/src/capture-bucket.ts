import { createHash } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClient, type Change, type DeployContext, userError } from '@mlship/core';
import { mlshipTags } from './names.js';

type Ctx = Pick<DeployContext, 'resolved' | 'env'>;

/** The data-capture bucket mlship manages when release.yaml names no destination. */
export interface CaptureBucketState {
  name: string;
  exists: boolean;
  /** Expiry days of mlship's lifecycle rule in S3 (undefined: none). */
  expireAfterDays?: number;
}

export interface CaptureBucketPlan {
  name: string;
  create: boolean;
  putLifecycle: boolean;
  expireAfterDays: number;
}

const LIFECYCLE_RULE = 'mlship-expire-captures';

/** `<app>-<env>-capture-<account>`, lowercase, cut with a hash to S3's 63 characters. */
export function captureBucketName(app: string, env: string, accountId: string): string {
  const suffix = `-${env}-capture-${accountId}`;
  const base = app.toLowerCase();
  if (base.length + suffix.length <= 63) return `${base}${suffix}`;
  const hash = createHash('sha256').update(base).digest('hex').slice(0, 6);
  return `${base.slice(0, 63 - suffix.length - 7)}-${hash}${suffix}`;
}

/** True when release.yaml turns capture on without a destination, so mlship provides the bucket. */
export function needsCaptureBucket(ctx: Ctx): boolean {
  const capture = ctx.resolved.config.sagemaker.dataCapture;
  return Boolean(capture?.enabled && !capture.destinationS3Uri);
}

const status = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** Reads the bucket mlship would use; refuses one that is another account's or not tagged for this environment. */
export async function readCaptureBucket(ctx: Ctx): Promise<CaptureBucketState> {
  const account = await awsClient(ctx, STSClient).send(new GetCallerIdentityCommand({}));
  const { config, env } = ctx.resolved;
  const name = captureBucketName(config.name, env, account.Account ?? '');
  const s3 = awsClient(ctx, S3Client);
  const notOurs = (why: string) =>
    userError(
      'CAPTURE_BUCKET_NOT_OURS',
      `The data-capture bucket ${name} ${why}.`,
      'Set sagemaker.dataCapture.destinationS3Uri to a bucket of yours, or delete or tag that bucket.',
    );
  try {
    await s3.send(new HeadBucketCommand({ Bucket: name }));
  } catch (error) {
    if (status(error) === 404) return { name, exists: false };
    if (status(error) === 403) throw notOurs('belongs to another account');
    throw error;
  }
  const tags = await s3
    .send(new GetBucketTaggingCommand({ Bucket: name }))
    .then((out) => Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key, t.Value])))
    .catch((error) => (status(error) === 404 ? {} : Promise.reject(error)));
  if (tags['mlship:app'] !== config.name || tags['mlship:env'] !== env) {
    throw notOurs(`exists without the tags mlship:app=${config.name}, mlship:env=${env}`);
  }
  const rules = await s3
    .send(new GetBucketLifecycleConfigurationCommand({ Bucket: name }))
    .then((out) => out.Rules ?? [])
    .catch((error) => (status(error) === 404 ? [] : Promise.reject(error)));
  const days = rules.find((rule) => rule.ID === LIFECYCLE_RULE)?.Expiration?.Days;
  return { name, exists: true, ...(days !== undefined ? { expireAfterDays: days } : {}) };
}

/** Pure: what to create or change so the bucket matches release.yaml. */
export function planCaptureBucket(
  ctx: Ctx,
  state: CaptureBucketState,
): { plan: CaptureBucketPlan; changes: Change[] } {
  const days = ctx.resolved.config.sagemaker.dataCapture?.expireAfterDays ?? 30;
  const plan = {
    name: state.name,
    create: !state.exists,
    putLifecycle: !state.exists || state.expireAfterDays !== days,
    expireAfterDays: days,
  };
  const action = plan.create ? 'create' : plan.putLifecycle ? 'update' : 'noop';
  const reason = plan.create
    ? `data capture (encrypted, private, expires after ${days} days)`
    : plan.putLifecycle
      ? `capture expiry ${state.expireAfterDays ?? 'none'} -> ${days} days`
      : 'exists';
  return { plan, changes: [{ action, resource: 'S3::Bucket', id: state.name, reason }] };
}

/** Creates the bucket (encrypted, public access blocked, tagged) and sets its expiry rule. */
export async function applyCaptureBucket(ctx: DeployContext, plan: CaptureBucketPlan): Promise<void> {
  const s3 = awsClient(ctx, S3Client);
  const Bucket = plan.name;
  if (plan.create) {
    ctx.host.notify({ level: 'info', message: `Creating data-capture bucket ${Bucket}` });
    const region = ctx.resolved.config.region;
    await s3.send(
      new CreateBucketCommand({
        Bucket,
        ...(region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
      }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }],
        },
      }),
    );
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: mlshipTags(ctx.resolved) } }));
  }
  if (plan.putLifecycle) {
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket,
        LifecycleConfiguration: {
          Rules: [
            {
              ID: LIFECYCLE_RULE,
              Status: 'Enabled',
              Filter: { Prefix: '' },
              Expiration: { Days: plan.expireAfterDays },
            },
          ],
        },
      }),
    );
  }
}

/** Deletes the bucket when it is empty, or with `force` after deleting its captures; else keeps it (false). */
export async function deleteCaptureBucket(ctx: Ctx, name: string, force = false): Promise<boolean> {
  const s3 = awsClient(ctx, S3Client);
  for (;;) {
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: name, MaxKeys: 1000 }));
    const keys = (listing.Contents ?? []).map((o) => ({ Key: o.Key ?? '' }));
    if (keys.length === 0) break;
    if (!force) return false;
    await s3.send(new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: keys, Quiet: true } }));
  }
  await s3.send(new DeleteBucketCommand({ Bucket: name }));
  return true;
}

/** How many capture files arrived under an s3:// URI in the last hour (at most 10 pages of 1000 are read). */
export async function recentCaptures(ctx: Ctx, uri: string, now: number): Promise<number> {
  const [, , Bucket = '', ...rest] = uri.split('/');
  const Prefix = rest.join('/');
  const s3 = awsClient(ctx, S3Client);
  let count = 0;
  let ContinuationToken: string | undefined;
  for (let pageNo = 0; pageNo < 10; pageNo++) {
    const out = await s3.send(
      new ListObjectsV2Command({
        Bucket,
        ...(Prefix ? { Prefix } : {}),
        ...(ContinuationToken ? { ContinuationToken } : {}),
      }),
    );
    count += (out.Contents ?? []).filter((o) => (o.LastModified?.getTime() ?? 0) >= now - 3_600_000).length;
    ContinuationToken = out.NextContinuationToken;
    if (!ContinuationToken) break;
  }
  return count;
}
