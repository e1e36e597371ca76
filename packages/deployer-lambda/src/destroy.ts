import {
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DeleteServerlessCacheCommand, DescribeServerlessCachesCommand } from '@aws-sdk/client-elasticache';
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  DeleteAliasCommand,
  DeleteFunctionCommand,
  DeleteFunctionUrlConfigCommand,
  RemovePermissionCommand,
} from '@aws-sdk/client-lambda';
import { type DeployContext, type DestroyReport, pollUntil } from '@mlship/core';
import { clientsFor, orMissing } from './clients.js';
import { ownedBy } from './desired.js';
import { ALIAS, cacheName, functionName, logGroupName, roleName, URL_STATEMENT_ID } from './names.js';
import { readCache, readRole } from './read.js';
import { readFunction } from './read-function.js';
import { waitTimeoutMs } from './wait.js';

/** Deletes the function (URL, permission, alias, versions), then the role, cache and log group mlship created. */
export async function destroyLambda(ctx: DeployContext): Promise<DestroyReport> {
  const { config, env } = ctx.resolved;
  const { lambda, iam, elasticache, logs } = clientsFor(ctx);
  const report: DestroyReport = { target: 'lambda', deleted: [], skipped: [] };
  const notOurs = `not tagged mlship:app=${config.name}, mlship:env=${env}`;
  const say = (message: string) => ctx.host.notify({ level: 'info', message });
  const deleted = (resource: string, id: string) => report.deleted.push({ resource, id });

  const name = functionName(config.name, env);
  const fn = await readFunction(ctx, name);
  if (fn && !ownedBy(ctx, fn.tags))
    report.skipped.push({ resource: 'Lambda::Function', id: name, reason: notOurs });
  else if (fn) {
    if (fn.url) {
      await lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: name, Qualifier: ALIAS }));
      deleted('Lambda::FunctionUrl', fn.url.url);
    }
    if (fn.urlPermission) {
      await lambda.send(
        new RemovePermissionCommand({ FunctionName: name, Qualifier: ALIAS, StatementId: URL_STATEMENT_ID }),
      );
      deleted('Lambda::Permission', `${name}:${ALIAS}/${URL_STATEMENT_ID}`);
    }
    if (fn.alias) {
      await lambda.send(new DeleteAliasCommand({ FunctionName: name, Name: ALIAS }));
      deleted('Lambda::Alias', `${name}:${ALIAS}`);
    }
    for (const version of fn.versions) {
      await lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: version.Version }));
      deleted('Lambda::Version', `${name}:${version.Version}`);
    }
    say(`Deleting Lambda function ${name}`);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    deleted('Lambda::Function', name);
  }

  if (!config.proxy.roleArn) {
    const role = await readRole(ctx, roleName(config.name, env));
    if (role && !ownedBy(ctx, role.tags))
      report.skipped.push({ resource: 'IAM::Role', id: role.name, reason: notOurs });
    else if (role) {
      const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: role.name }));
      for (const policy of inline.PolicyNames ?? []) {
        await iam.send(new DeleteRolePolicyCommand({ RoleName: role.name, PolicyName: policy }));
      }
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role.name }));
      for (const policy of attached.AttachedPolicies ?? []) {
        await iam.send(new DetachRolePolicyCommand({ RoleName: role.name, PolicyArn: policy.PolicyArn }));
      }
      say(`Deleting IAM role ${role.name}`);
      await iam.send(new DeleteRoleCommand({ RoleName: role.name }));
      deleted('IAM::Role', role.name);
    }
  }

  const cache = await readCache(ctx, cacheName(config.name, env));
  if (cache && !ownedBy(ctx, cache.tags))
    report.skipped.push({ resource: 'ElastiCache::ServerlessCache', id: cache.name, reason: notOurs });
  else if (cache) {
    const describe = async () =>
      (
        await orMissing(() =>
          elasticache.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: cache.name })),
        )
      )?.ServerlessCaches?.[0];
    const wait = (what: string, done: (status: string | undefined) => boolean) =>
      pollUntil({
        clock: ctx.clock,
        what,
        timeoutMs: waitTimeoutMs(ctx),
        read: describe,
        done: (c) => done(c?.Status),
      });
    if (cache.status === 'creating' || cache.status === 'modifying') {
      await wait(`cache ${cache.name}`, (s) => s !== 'creating' && s !== 'modifying');
    }
    say(`Deleting ElastiCache cache ${cache.name}`);
    await elasticache.send(new DeleteServerlessCacheCommand({ ServerlessCacheName: cache.name }));
    await wait(`deletion of cache ${cache.name}`, (s) => s === undefined);
    deleted('ElastiCache::ServerlessCache', cache.name);
  }

  const group = logGroupName(name);
  const found = (
    await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))
  ).logGroups?.find((g) => g.logGroupName === group);
  if (found?.logGroupArn) {
    const tags = (await logs.send(new ListTagsForResourceCommand({ resourceArn: found.logGroupArn }))).tags;
    if (ownedBy(ctx, tags)) {
      await logs.send(new DeleteLogGroupCommand({ logGroupName: group }));
      deleted('Logs::LogGroup', group);
    } else report.skipped.push({ resource: 'Logs::LogGroup', id: group, reason: notOurs });
  }
  return report;
}
