import { randomBytes } from 'node:crypto';
import {
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  PutFunctionConcurrencyCommand,
  TagResourceCommand,
} from '@aws-sdk/client-lambda';
import { type DeployContext, type DeployPlan, deployError, type Outputs } from '@mlship/core';
import { clientsFor } from './clients.js';
import { redisEndpoint } from './desired.js';
import { applyFunction, publish } from './function.js';
import { ensureCache, ensureLogGroup, ensureRole } from './infra.js';
import { ALIAS, HANDLER_ENV_ORIGIN_SECRET } from './names.js';
import type { LambdaDetail } from './plan.js';
import { computeSteps, type Steps } from './steps.js';
import { upstreamOf } from './upstream.js';
import { applyAlias, applyUrl } from './url.js';

function say(ctx: DeployContext, message: string): void {
  ctx.signal?.throwIfAborted();
  ctx.host.notify({ level: 'info', message });
}

function nothingToDo(steps: Steps): boolean {
  return (
    ['given', 'none'].includes(steps.role.action) &&
    ['none', 'ready'].includes(steps.cache.action) &&
    steps.logGroup === 'none' &&
    steps.fn.action === 'none' &&
    Object.keys(steps.addTags).length === 0 &&
    steps.concurrency === 'none' &&
    !steps.publish &&
    steps.alias === 'none' &&
    steps.url === 'none' &&
    steps.urlPermission === 'none' &&
    steps.staleVersions.length === 0
  );
}

/** Executes the plan: role, cache, log group, function, version, alias, URL, old versions. */
export async function applyLambda(plan: DeployPlan<LambdaDetail>, ctx: DeployContext): Promise<Outputs> {
  const { current } = plan.detail;
  const upstream = upstreamOf(ctx);
  let steps = computeSteps(ctx, current, { upstream });
  const fnState = current.function;
  if (nothingToDo(steps) && fnState?.alias) {
    return outputsOf(ctx, steps, fnState.latest.FunctionArn, fnState.alias.version, fnState.url?.url);
  }
  const { lambda } = clientsFor(ctx);
  const roleArn = await ensureRole(ctx, current, steps);
  const redisUrl = await ensureCache(ctx, current, steps);
  await ensureLogGroup(ctx, steps);
  const apigee = ctx.resolved.config.front === 'apigee';
  const originSecret = apigee
    ? (fnState?.latest.Environment[HANDLER_ENV_ORIGIN_SECRET] ?? randomBytes(32).toString('base64url'))
    : undefined;
  steps = computeSteps(ctx, current, {
    upstream,
    roleArn,
    ...(redisUrl ? { redisUrl } : {}),
    ...(originSecret ? { originSecret } : {}),
  });
  const name = steps.spec.FunctionName;
  const functionArn = await applyFunction(ctx, current, steps, roleArn);

  if (Object.keys(steps.addTags).length > 0) {
    await lambda.send(new TagResourceCommand({ Resource: functionArn, Tags: { ...steps.tags } }));
  }
  const reserved = ctx.resolved.config.proxy.reservedConcurrency;
  if (steps.concurrency === 'put' && reserved !== undefined) {
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: reserved }),
    );
  } else if (steps.concurrency === 'delete') {
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
  }
  let version = fnState?.alias?.version;
  if (steps.publish) {
    const published = await publish(ctx, steps);
    if (published.CodeSha256 !== steps.spec.CodeSha256 || !published.Version) {
      throw deployError(
        'LAMBDA_PUBLISH_MISMATCH',
        `Lambda published version ${published.Version ?? '?'} of ${name} with code ${published.CodeSha256}, not the uploaded ${steps.spec.CodeSha256}.`,
        'Another deploy changed the function at the same time; run the deploy again.',
      );
    }
    version = published.Version;
  }
  if (!version) throw deployError('LAMBDA_PUBLISH_MISMATCH', `No version of ${name} to point ${ALIAS} at.`);
  await applyAlias(ctx, steps, version, fnState?.alias?.version);
  const url = await applyUrl(ctx, steps, fnState?.url?.url);
  for (const stale of steps.staleVersions) {
    say(ctx, `Deleting old version ${name}:${stale}`);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: stale }));
  }
  return outputsOf(ctx, steps, functionArn, version, url);
}

function outputsOf(
  ctx: DeployContext,
  steps: Steps,
  functionArn: string,
  version: string,
  url: string | undefined,
): Outputs {
  const upstream = upstreamOf(ctx);
  const cacheEndpoint = redisEndpoint(steps.spec.Environment.REDIS_URL);
  const secret = steps.spec.Environment[HANDLER_ENV_ORIGIN_SECRET];
  return {
    functionName: steps.spec.FunctionName,
    functionArn,
    aliasName: ALIAS,
    aliasArn: `${functionArn}:${ALIAS}`,
    version,
    modelVersion: upstream.modelVersion,
    codeSha256: steps.spec.CodeSha256,
    ...(cacheEndpoint ? { cacheEndpoint } : {}),
    ...(url ? { functionUrl: url } : {}),
    // In memory only: the outputs file drops keys that look secret.
    ...(ctx.resolved.config.front === 'apigee' && secret ? { originSecret: secret } : {}),
  };
}
