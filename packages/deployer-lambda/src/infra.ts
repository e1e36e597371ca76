import { CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateServerlessCacheCommand, DescribeServerlessCachesCommand } from '@aws-sdk/client-elasticache';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { type DeployContext, deployError, MlshipError, pollUntil } from '@mlship/core';
import { clientsFor, errorName, orMissing } from './clients.js';
import { mlshipTags, TRUST_POLICY, tagList } from './desired.js';
import { functionName, logGroupName, ROLE_POLICY, roleName } from './names.js';
import type { CurrentState } from './read.js';
import type { Steps } from './steps.js';
import { waitTimeoutMs } from './wait.js';

function say(ctx: DeployContext, message: string): void {
  ctx.signal?.throwIfAborted();
  ctx.host.notify({ level: 'info', message });
}

/** Creates the execution role or brings its inline policy up to date; returns the ARN the function uses. */
export async function ensureRole(ctx: DeployContext, current: CurrentState, steps: Steps): Promise<string> {
  const { config, env } = ctx.resolved;
  if (steps.role.action === 'given' && config.proxy.roleArn) return config.proxy.roleArn;
  const { iam } = clientsFor(ctx);
  const name = roleName(config.name, env);
  let arn = current.role?.arn;
  if (steps.role.action === 'none' && arn) return arn;
  const policy = steps.role.policy;
  if (!policy) {
    throw new MlshipError(
      'LAMBDA_UPSTREAM_MISSING',
      'The SageMaker step gave no endpoint ARN to scope the proxy role to.',
      {
        kind: 'internal',
      },
    );
  }
  if (steps.role.action === 'create') {
    say(ctx, `Creating IAM role ${name}`);
    const out = await iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY),
        Description: `mlship Lambda proxy of ${config.name} (${env})`,
        Tags: tagList(mlshipTags(ctx)),
      }),
    );
    arn = out.Role?.Arn;
  } else {
    say(ctx, `Updating the inline policy of IAM role ${name}`);
  }
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: name,
      PolicyName: ROLE_POLICY,
      PolicyDocument: JSON.stringify(policy),
    }),
  );
  if (!arn)
    throw new MlshipError('LAMBDA_ROLE_MISSING', `IAM returned no ARN for role ${name}.`, {
      kind: 'internal',
    });
  return arn;
}

/** Creates the ElastiCache Serverless cache if needed and waits until it is available; returns its rediss:// URL. */
export async function ensureCache(
  ctx: DeployContext,
  current: CurrentState,
  steps: Steps,
): Promise<string | undefined> {
  const { config } = ctx.resolved;
  if (!config.cache.enabled) return undefined;
  if (!config.cache.provision) return config.cache.redisUrl;
  const { elasticache } = clientsFor(ctx);
  const name = steps.cache.name;
  if (steps.cache.action === 'ready' && current.cache?.endpoint) {
    return `rediss://${current.cache.endpoint.address}:${current.cache.endpoint.port}`;
  }
  if (steps.cache.action === 'create') {
    say(ctx, `Creating ElastiCache Serverless cache ${name}`);
    await elasticache.send(
      new CreateServerlessCacheCommand({
        ServerlessCacheName: name,
        Engine: 'redis',
        MajorEngineVersion: '7',
        Description: `mlship response cache of ${config.name} (${ctx.resolved.env})`,
        ...(config.cache.vpc
          ? { SubnetIds: config.cache.vpc.subnetIds, SecurityGroupIds: config.cache.vpc.securityGroupIds }
          : {}),
        Tags: tagList(mlshipTags(ctx)),
      }),
    );
  }
  const progress = ctx.host.progress(`Waiting for cache ${name}`);
  const final = await pollUntil({
    clock: ctx.clock,
    what: `ElastiCache cache ${name}`,
    timeoutMs: waitTimeoutMs(ctx),
    read: async () =>
      (
        await orMissing(() =>
          elasticache.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: name })),
        )
      )?.ServerlessCaches?.[0],
    done: (cache) => !cache || !['creating', 'modifying'].includes(cache.Status ?? ''),
    onState: (cache) => progress.update(cache?.Status ?? 'gone'),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (final?.Status !== 'available' || !final.Endpoint?.Address) {
    progress.fail(`Cache ${name}: ${final?.Status ?? 'gone'}`);
    throw deployError(
      'LAMBDA_CACHE_FAILED',
      `ElastiCache cache ${name} ended ${final?.Status ?? 'deleted'} instead of available.`,
      'Check the subnets and security groups in cache.vpc; delete the failed cache and deploy again.',
    );
  }
  progress.succeed(`Cache ${name}: available`);
  // ElastiCache Serverless accepts TLS connections only.
  return `rediss://${final.Endpoint.Address}:${final.Endpoint.Port ?? 6379}`;
}

/** Creates the function's log group (tagged) so its retention is mlship's, or sets the retention. */
export async function ensureLogGroup(ctx: DeployContext, steps: Steps): Promise<void> {
  if (steps.logGroup === 'none') return;
  const { config, env } = ctx.resolved;
  const { logs } = clientsFor(ctx);
  const name = logGroupName(functionName(config.name, env));
  if (steps.logGroup === 'create') {
    say(ctx, `Creating log group ${name}`);
    try {
      await logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: mlshipTags(ctx) }));
    } catch (error) {
      // Lambda creates the group itself on the first invocation; then only the retention is set.
      if (errorName(error) !== 'ResourceAlreadyExistsException') throw error;
    }
  }
  await logs.send(
    new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: config.proxy.logRetentionDays }),
  );
}
