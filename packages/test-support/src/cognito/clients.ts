import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import type { FakeCognito } from './fake-cognito.js';
import {
  type ClientRecord,
  invalidParameter,
  notFound,
  randomId,
  requirePool,
  type UserPoolRecord,
} from './state.js';

const SETTINGS = [
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
] as const;

const STANDARD_SCOPES = new Set(['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']);

/** The OAuth checks Cognito applies on Create/UpdateUserPoolClient. */
function checkOAuth(pool: UserPoolRecord, input: Record<string, unknown>, hasSecret: boolean): void {
  const flows = (input.AllowedOAuthFlows as string[] | undefined) ?? [];
  const scopes = (input.AllowedOAuthScopes as string[] | undefined) ?? [];
  for (const scope of scopes) {
    if (STANDARD_SCOPES.has(scope)) continue;
    const slash = scope.lastIndexOf('/');
    const server = pool.resourceServers.get(scope.slice(0, slash));
    if (slash < 0 || !server?.Scopes.some((s) => s.ScopeName === scope.slice(slash + 1))) {
      throw new AwsError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`);
    }
  }
  if (flows.length > 0 && input.AllowedOAuthFlowsUserPoolClient !== true) {
    throw invalidParameter('AllowedOAuthFlowsUserPoolClient must be true when AllowedOAuthFlows are set.');
  }
  if (flows.includes('client_credentials')) {
    if (flows.length > 1) {
      throw new AwsError(
        'InvalidOAuthFlowException',
        'client_credentials flow can not be selected along with code flow or implicit flow.',
      );
    }
    if (!hasSecret) {
      throw new AwsError(
        'InvalidOAuthFlowException',
        'client_credentials flow can not be selected if client does not have a client secret.',
      );
    }
    if (scopes.length === 0 || scopes.some((s) => STANDARD_SCOPES.has(s))) {
      throw new AwsError(
        'InvalidOAuthFlowException',
        'client_credentials flow needs custom scopes only (no openid, email, phone, profile).',
      );
    }
  }
}

function pick(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(SETTINGS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
}

function describe(poolId: string, client: ClientRecord): Record<string, unknown> {
  return {
    UserPoolId: poolId,
    ClientId: client.ClientId,
    ClientName: client.ClientName,
    ...(client.ClientSecret ? { ClientSecret: client.ClientSecret } : {}),
    CreationDate: client.CreationDate,
    LastModifiedDate: client.LastModifiedDate,
    ...structuredClone(client.settings),
  };
}

/** App clients. UpdateUserPoolClient replaces every setting (unset ones fall back to defaults); the secret stays. */
export function clientOperations(cognito: FakeCognito): Record<string, Handler> {
  const find = (poolId: string, clientId: string): ClientRecord => {
    const client = requirePool(cognito.pools, poolId).clients.get(clientId);
    if (!client) throw notFound(`User pool client ${clientId} does not exist.`);
    return client;
  };
  return {
    CreateUserPoolClient: (input) => {
      const pool = requirePool(cognito.pools, input.UserPoolId);
      const secret = input.ClientSecret ?? (input.GenerateSecret ? randomId(51) : undefined);
      checkOAuth(pool, input, secret !== undefined);
      const now = new Date();
      const client: ClientRecord = {
        ClientId: randomId(26),
        ClientName: input.ClientName,
        ...(secret ? { ClientSecret: secret } : {}),
        CreationDate: now,
        LastModifiedDate: now,
        settings: pick(input),
      };
      pool.clients.set(client.ClientId, client);
      return { UserPoolClient: describe(pool.Id, client) };
    },
    DescribeUserPoolClient: (input) => ({
      UserPoolClient: describe(input.UserPoolId, find(input.UserPoolId, input.ClientId)),
    }),
    UpdateUserPoolClient: (input) => {
      const pool = requirePool(cognito.pools, input.UserPoolId);
      const client = find(pool.Id, input.ClientId);
      checkOAuth(pool, input, client.ClientSecret !== undefined);
      if (input.ClientName !== undefined) client.ClientName = input.ClientName;
      client.settings = pick(input);
      client.LastModifiedDate = new Date();
      return { UserPoolClient: describe(pool.Id, client) };
    },
    DeleteUserPoolClient: (input) => {
      find(input.UserPoolId, input.ClientId);
      requirePool(cognito.pools, input.UserPoolId).clients.delete(input.ClientId);
      return {};
    },
    ListUserPoolClients: (input) => {
      const pool = requirePool(cognito.pools, input.UserPoolId);
      const all = [...pool.clients.values()];
      const start = input.NextToken ? Number(input.NextToken) : 0;
      const page = all.slice(start, start + (input.MaxResults ?? 60));
      const next = start + page.length;
      return {
        UserPoolClients: page.map((c) => ({
          ClientId: c.ClientId,
          UserPoolId: pool.Id,
          ClientName: c.ClientName,
        })),
        ...(next < all.length ? { NextToken: String(next) } : {}),
      };
    },
  };
}
