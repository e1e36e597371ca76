import { describe, expect, it } from 'vitest';
import { actions, context, deployOnce, ENDPOINT_ARN, mutating, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

describe('lambda deployer: first deploy and re-runs', () => {
  it('creates the role, log group, function, version 1 and the live alias, and outputs them', async () => {
    const ctx = context(resolved());
    const { plan, outputs } = await deployOnce(ctx);
    expect(actions(plan)).toEqual([
      'create IAM::Role iris-dev-proxy',
      'create Logs::LogGroup /aws/lambda/iris-dev-proxy',
      'create Lambda::Function iris-dev-proxy',
      'create Lambda::Version iris-dev-proxy:next',
      'create Lambda::Alias iris-dev-proxy:live',
    ]);
    expect(mutating(h.aws)).toEqual([
      'iam.CreateRole',
      'iam.PutRolePolicy',
      'logs.CreateLogGroup',
      'logs.PutRetentionPolicy',
      'lambda.CreateFunction',
      'lambda.PublishVersion',
      'lambda.CreateAlias',
    ]);
    const fn = h.aws.lambda.functions.get('iris-dev-proxy');
    expect(fn?.latest).toMatchObject({
      State: 'Active',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 29,
      Role: `arn:aws:iam::123456789012:role/iris-dev-proxy`,
      Environment: {
        Variables: {
          ENDPOINT_NAME: 'iris-dev',
          MODEL_VERSION: 'abcd1234',
          MAX_BODY_BYTES: '6291456',
          INVOKE_TIMEOUT_MS: '25000',
        },
      },
    });
    expect(fn?.tags).toEqual({ team: 'insight', 'mlship:app': 'iris', 'mlship:env': 'dev' });
    expect(outputs).toEqual({
      functionName: 'iris-dev-proxy',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:iris-dev-proxy',
      aliasName: 'live',
      aliasArn: 'arn:aws:lambda:us-east-1:123456789012:function:iris-dev-proxy:live',
      version: '1',
      modelVersion: 'abcd1234',
      codeSha256: fn?.latest.CodeSha256,
    });
    // The role may invoke this endpoint only and write this function's logs.
    const policy = h.aws.iam.roles.get('iris-dev-proxy')?.inline.get('mlship-proxy')?.doc;
    expect(policy?.Statement).toEqual([
      { Sid: 'InvokeEndpoint', Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint', Resource: ENDPOINT_ARN },
      {
        Sid: 'WriteLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/iris-dev-proxy:*',
      },
    ]);
    expect(h.aws.logs.groups.get('/aws/lambda/iris-dev-proxy')?.retentionInDays).toBe(30);
  });

  it('makes no mutating call when nothing changed', async () => {
    const first = await deployOnce(context(resolved()));
    const calls = h.aws.calls.length;
    const again = await deployOnce(context(resolved()));
    expect(actions(again.plan)).toEqual([]);
    expect(h.aws.mutatingCalls().length).toBe(7);
    expect(h.aws.calls.length).toBeGreaterThan(calls);
    expect(again.outputs).toEqual(first.outputs);
  });

  it('on a code change uploads the code, publishes a new version and moves the alias', async () => {
    await deployOnce(context(resolved()));
    // Someone (or an older mlship) left different code in $LATEST and on the live version.
    const fn = h.aws.lambda.functions.get('iris-dev-proxy');
    if (!fn) throw new Error('no function');
    fn.latest.CodeSha256 = 'b2xkIGNvZGU=';
    for (const version of fn.versions.values()) version.CodeSha256 = 'b2xkIGNvZGU=';
    h.aws.calls.length = 0;
    const { plan, outputs } = await deployOnce(context(resolved()));
    expect(plan.changes.find((c) => c.resource === 'Lambda::Function')?.diff?.[0]).toMatchObject({
      field: 'codeSha256',
      before: 'b2xkIGNvZGU=',
    });
    expect(mutating(h.aws)).toEqual([
      'lambda.UpdateFunctionCode',
      'lambda.PublishVersion',
      'lambda.UpdateAlias',
    ]);
    const publish = h.aws.calls.find((c) => c.operation === 'PublishVersion')?.input as {
      CodeSha256?: string;
    };
    expect(publish.CodeSha256).toBe(outputs.codeSha256);
    expect(outputs.version).toBe('2');
    expect(fn.aliases.get('live')?.FunctionVersion).toBe('2');
  });

  it('on a configuration-only change updates the configuration without uploading code', async () => {
    await deployOnce(context(resolved()));
    h.aws.calls.length = 0;
    const { plan, outputs } = await deployOnce(
      context(
        resolved({
          proxy: { memoryMb: 1024 },
          cache: { enabled: true, redisUrl: 'redis://:hunter2@redis.internal:6379' },
        }),
      ),
    );
    const update = plan.changes.find((c) => c.resource === 'Lambda::Function');
    expect(update?.reason).toBe('configuration');
    expect(update?.diff).toContainEqual({ field: 'memoryMb', before: 512, after: 1024 });
    expect(update?.diff).toContainEqual({
      field: 'environment.REDIS_URL',
      before: undefined,
      after: 'redis://:****@redis.internal:6379',
    });
    expect(JSON.stringify(plan.changes)).not.toContain('hunter2');
    expect(mutating(h.aws)).toEqual([
      'lambda.UpdateFunctionConfiguration',
      'lambda.PublishVersion',
      'lambda.UpdateAlias',
    ]);
    expect(outputs).toMatchObject({ version: '2', cacheEndpoint: 'redis.internal:6379' });
    expect(JSON.stringify(outputs)).not.toContain('hunter2');
  });

  it('keeps only proxy.keepVersions versions (and the aliased one)', async () => {
    const fn = () => h.aws.lambda.functions.get('iris-dev-proxy');
    await deployOnce(context(resolved({ proxy: { keepVersions: 2 } })));
    for (const memoryMb of [256, 384, 640]) {
      await deployOnce(context(resolved({ proxy: { keepVersions: 2, memoryMb } })));
    }
    expect([...(fn()?.versions.keys() ?? [])]).toEqual(['3', '4']);
    expect(fn()?.aliases.get('live')?.FunctionVersion).toBe('4');
  });

  it('moves the architecture with the code upload, and keeps reserved concurrency and tags as release.yaml says', async () => {
    await deployOnce(context(resolved()));
    const fn = h.aws.lambda.functions.get('iris-dev-proxy');
    if (fn) fn.tags = { 'mlship:app': 'iris', 'mlship:env': 'dev' };
    h.aws.calls.length = 0;
    await deployOnce(context(resolved({ proxy: { architecture: 'x86_64', reservedConcurrency: 20 } })));
    expect(mutating(h.aws)).toEqual([
      'lambda.UpdateFunctionCode',
      'lambda.TagResource',
      'lambda.PutFunctionConcurrency',
      'lambda.PublishVersion',
      'lambda.UpdateAlias',
    ]);
    const upload = h.aws.calls.find((c) => c.operation === 'UpdateFunctionCode')?.input as {
      Architectures?: string[];
    };
    expect(upload.Architectures).toEqual(['x86_64']);
    expect(fn?.latest.Architectures).toEqual(['x86_64']);
    expect(fn?.tags.team).toBe('insight');
    expect(fn?.reservedConcurrency).toBe(20);

    h.aws.calls.length = 0;
    await deployOnce(context(resolved({ proxy: { architecture: 'x86_64' } })));
    expect(mutating(h.aws)).toEqual(['lambda.DeleteFunctionConcurrency']);
    expect(fn?.reservedConcurrency).toBeUndefined();
  });
});
