import type { Handler } from '../server/service.js';
import type { FakeCognito } from './fake-cognito.js';
import { invalidParameter, notFound, randomId, requirePool, type UserPoolRecord } from './state.js';

/** The UserPoolType members the fake keeps; the rest of Cognito's pool settings are not modelled. */
export function describePool(pool: UserPoolRecord): Record<string, unknown> {
  return {
    Id: pool.Id,
    Name: pool.Name,
    Arn: pool.Arn,
    CreationDate: pool.CreationDate,
    LastModifiedDate: pool.LastModifiedDate,
    DeletionProtection: pool.DeletionProtection,
    UserPoolTags: { ...pool.tags },
    ...(pool.Domain ? { Domain: pool.Domain } : {}),
  };
}

/** CreateUserPool, DescribeUserPool, ListUserPools, DeleteUserPool and the tag operations. Names need not be unique. */
export function poolOperations(cognito: FakeCognito): Record<string, Handler> {
  const byArn = (arn: string): UserPoolRecord => {
    const pool = [...cognito.pools.values()].find((p) => p.Arn === arn);
    if (!pool) throw notFound(`Resource ${arn} does not exist.`);
    return pool;
  };
  return {
    CreateUserPool: (input) => {
      const id = `${cognito.region}_${randomId(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
      const now = new Date();
      const pool: UserPoolRecord = {
        Id: id,
        Name: input.PoolName,
        Arn: `arn:aws:cognito-idp:${cognito.region}:${cognito.accountId}:userpool/${id}`,
        CreationDate: now,
        LastModifiedDate: now,
        DeletionProtection: input.DeletionProtection ?? 'INACTIVE',
        tags: { ...(input.UserPoolTags ?? {}) },
        resourceServers: new Map(),
        clients: new Map(),
      };
      cognito.pools.set(id, pool);
      return { UserPool: describePool(pool) };
    },
    DescribeUserPool: (input) => ({ UserPool: describePool(requirePool(cognito.pools, input.UserPoolId)) }),
    ListUserPools: (input) => {
      const all = [...cognito.pools.values()];
      const start = input.NextToken ? Number(input.NextToken) : 0;
      if (!Number.isInteger(start) || start < 0 || start > all.length) {
        throw invalidParameter('Invalid pagination token.');
      }
      const page = all.slice(start, start + input.MaxResults);
      const next = start + page.length;
      return {
        UserPools: page.map((p) => ({
          Id: p.Id,
          Name: p.Name,
          Status: 'Enabled',
          CreationDate: p.CreationDate,
          LastModifiedDate: p.LastModifiedDate,
        })),
        ...(next < all.length ? { NextToken: String(next) } : {}),
      };
    },
    DeleteUserPool: (input) => {
      const pool = requirePool(cognito.pools, input.UserPoolId);
      if (pool.DeletionProtection === 'ACTIVE') {
        throw invalidParameter('The user pool cannot be deleted because deletion protection is activated.');
      }
      if (pool.Domain) {
        throw invalidParameter(
          'User pool cannot be deleted. It has a domain configured that should be deleted first.',
        );
      }
      cognito.pools.delete(pool.Id);
      return {};
    },
    TagResource: (input) => {
      const pool = byArn(input.ResourceArn);
      Object.assign(pool.tags, input.Tags ?? {});
      return {};
    },
    UntagResource: (input) => {
      const pool = byArn(input.ResourceArn);
      for (const key of input.TagKeys as string[]) delete pool.tags[key];
      return {};
    },
    ListTagsForResource: (input) => ({ Tags: { ...byArn(input.ResourceArn).tags } }),
  };
}
