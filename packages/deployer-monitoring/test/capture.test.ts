import { describe, expect, it } from 'vitest';
import { engine, inputOf, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();
const BUCKET = 'iris-dev-capture-123456789012';
const capture = (more: Record<string, unknown> = {}) =>
  resolved(h.dir.path, { sagemaker: { dataCapture: { enabled: true, samplingPercentage: 10, ...more } } });

describe('data capture', () => {
  it('without a destination mlship creates an encrypted, private, tagged bucket with an expiry and captures into it', async () => {
    await engine(h, capture()).deploy();
    const bucket = h.aws.s3.buckets.get(BUCKET);
    expect(bucket?.encryption).toMatchObject({
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket?.publicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket?.tags).toEqual(
      expect.arrayContaining([
        { Key: 'mlship:app', Value: 'iris' },
        { Key: 'mlship:env', Value: 'dev' },
      ]),
    );
    expect(bucket?.lifecycleRules).toMatchObject([{ Status: 'Enabled', Expiration: { Days: 30 } }]);
    const order = h.aws.mutatingCalls().map((c) => c.operation);
    expect(order.indexOf('CreateBucket')).toBeLessThan(order.indexOf('CreateEndpointConfig'));
    const config = inputOf(h, 'CreateEndpointConfig');
    expect(config.DataCaptureConfig).toEqual({
      EnableCapture: true,
      InitialSamplingPercentage: 10,
      DestinationS3Uri: `s3://${BUCKET}/captures`,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      CaptureContentTypeHeader: { JsonContentTypes: ['application/json'] },
    });
  });

  it('a re-run changes nothing; a new expiry only rewrites the lifecycle rule', async () => {
    await engine(h, capture()).deploy();
    h.aws.calls.length = 0;
    await engine(h, capture()).deploy();
    expect(h.aws.mutatingCalls()).toEqual([]);
    await engine(h, capture({ expireAfterDays: 7 })).deploy();
    expect(h.aws.mutatingCalls().map((c) => c.operation)).toEqual(['PutBucketLifecycleConfiguration']);
    expect(h.aws.s3.buckets.get(BUCKET)?.lifecycleRules).toMatchObject([{ Expiration: { Days: 7 } }]);
  });

  it('a capture change is a blue/green update to a new endpoint config', async () => {
    await engine(h, capture()).deploy();
    const before = inputOf(h, 'CreateEndpointConfig').EndpointConfigName;
    h.aws.calls.length = 0;
    await engine(h, capture({ samplingPercentage: 50, capture: ['output'] })).deploy();
    const created = inputOf(h, 'CreateEndpointConfig');
    expect(created.EndpointConfigName).not.toBe(before);
    expect(created.DataCaptureConfig).toMatchObject({
      InitialSamplingPercentage: 50,
      CaptureOptions: [{ CaptureMode: 'Output' }],
    });
    expect(inputOf(h, 'UpdateEndpoint').EndpointConfigName).toBe(created.EndpointConfigName);
  });

  it('status says where captures go and how many arrived in the last hour', async () => {
    await engine(h, capture()).deploy();
    h.aws.s3.putObject(BUCKET, 'captures/iris-dev/AllTraffic/a.jsonl');
    h.aws.s3.putObject(BUCKET, 'captures/iris-dev/AllTraffic/b.jsonl');
    h.aws.s3.putObject(
      BUCKET,
      'captures/iris-dev/AllTraffic/old.jsonl',
      100,
      new Date(Date.now() - 7_200_000),
    );
    const reports = JSON.stringify(await engine(h, capture()).status());
    expect(reports).toContain(`"dataCapture":{"destination":"s3://${BUCKET}/captures","objectsLastHour":2}`);
  });

  it('a bucket of another account under the derived name is refused before any change', async () => {
    h.aws.s3.seedForeignBucket(BUCKET);
    await expect(engine(h, capture()).deploy()).rejects.toMatchObject({ code: 'CAPTURE_BUCKET_NOT_OURS' });
    expect(h.aws.mutatingCalls()).toEqual([]);
  });

  it('destroy keeps a bucket holding captures (with a notice); --force deletes the captures and the bucket', async () => {
    await engine(h, capture()).deploy();
    h.aws.s3.putObject(BUCKET, 'captures/x.jsonl');
    const first = engine(h, capture());
    await first.destroy();
    expect(h.aws.s3.buckets.has(BUCKET)).toBe(true);
    expect(JSON.stringify(first.host.events)).toContain('CAPTURE_BUCKET_NOT_EMPTY');
    // --force deletes the captures, then the bucket.
    await engine(h, capture()).destroy({ force: true });
    expect(h.aws.s3.buckets.has(BUCKET)).toBe(false);
  });
});
