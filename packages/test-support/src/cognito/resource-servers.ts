import type { Handler } from '../server/service.js';
import type { FakeCognito } from './fake-cognito.js';
import { invalidParameter, notFound, type ResourceServerRecord, requirePool } from './state.js';

const MAX_SCOPES = 100;

function scopesOf(input: { Scopes?: ResourceServerRecord['Scopes'] }): ResourceServerRecord['Scopes'] {
  const scopes = input.Scopes ?? [];
  if (scopes.length > MAX_SCOPES)
    throw invalidParameter(`A resource server can have at most ${MAX_SCOPES} scopes.`);
  const names = new Set<string>();
  for (const scope of scopes) {
    if (names.has(scope.ScopeName)) throw invalidParameter(`Duplicate scope name ${scope.ScopeName}.`);
    names.add(scope.ScopeName);
  }
  return scopes.map((s) => ({ ScopeName: s.ScopeName, ScopeDescription: s.ScopeDescription }));
}

function describe(poolId: string, server: ResourceServerRecord): Record<string, unknown> {
  return { UserPoolId: poolId, ...structuredClone(server) };
}

/** Create/Describe/Update/DeleteResourceServer: custom OAuth scopes `<identifier>/<scope>` of a user pool. */
export function resourceServerOperations(cognito: FakeCognito): Record<string, Handler> {
  const find = (poolId: string, identifier: string): ResourceServerRecord => {
    const server = requirePool(cognito.pools, poolId).resourceServers.get(identifier);
    if (!server) throw notFound(`Resource server ${identifier} does not exist in user pool ${poolId}.`);
    return server;
  };
  return {
    CreateResourceServer: (input) => {
      const pool = requirePool(cognito.pools, input.UserPoolId);
      if (pool.resourceServers.has(input.Identifier)) {
        throw invalidParameter(`${input.Identifier} already exists in user pool ${pool.Id}.`);
      }
      const server = { Identifier: input.Identifier, Name: input.Name, Scopes: scopesOf(input) };
      pool.resourceServers.set(server.Identifier, server);
      return { ResourceServer: describe(pool.Id, server) };
    },
    DescribeResourceServer: (input) => ({
      ResourceServer: describe(input.UserPoolId, find(input.UserPoolId, input.Identifier)),
    }),
    UpdateResourceServer: (input) => {
      const server = find(input.UserPoolId, input.Identifier);
      server.Name = input.Name;
      server.Scopes = scopesOf(input);
      return { ResourceServer: describe(input.UserPoolId, server) };
    },
    DeleteResourceServer: (input) => {
      find(input.UserPoolId, input.Identifier);
      requirePool(cognito.pools, input.UserPoolId).resourceServers.delete(input.Identifier);
      return {};
    },
  };
}
