import {
  type CognitoIdentityProviderClient,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { orMissing } from './clients.js';
import { isOurs, type Names } from './names.js';

export interface PoolState {
  id: string;
  arn: string;
  domain?: string;
  /** Further pools with our tags (left alone, reported). */
  duplicates: string[];
}

export interface ClientState {
  id: string;
  hasSecret: boolean;
  flows: string[];
  scopes: string[];
  userPoolClient: boolean;
}

export interface CognitoState {
  pool?: PoolState;
  resourceServer?: { name: string; scopes: string[] };
  client?: ClientState;
  /** The user pool that owns the desired domain prefix, when one in this account does. */
  domainOwner?: string;
}

async function findPool(
  cognito: CognitoIdentityProviderClient,
  names: Names,
): Promise<PoolState | undefined> {
  const candidates: string[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: token }));
    for (const pool of page.UserPools ?? [])
      if (pool.Name === names.base && pool.Id) candidates.push(pool.Id);
    token = page.NextToken;
  } while (token);
  const ours = [];
  for (const id of candidates) {
    // A same-named pool the deploying principal may not describe (IAM scoped by tag) is not ours either.
    const described = await orMissing(
      ['ResourceNotFoundException', 'AccessDeniedException', 'NotAuthorizedException'],
      () => cognito.send(new DescribeUserPoolCommand({ UserPoolId: id })),
    );
    const pool = described?.UserPool;
    if (pool && isOurs(pool.UserPoolTags, names)) ours.push(pool);
  }
  ours.sort((a, b) => (a.CreationDate?.getTime() ?? 0) - (b.CreationDate?.getTime() ?? 0));
  const [first, ...rest] = ours;
  if (!first?.Id || !first.Arn) return undefined;
  return {
    id: first.Id,
    arn: first.Arn,
    ...(first.Domain ? { domain: first.Domain } : {}),
    duplicates: rest.map((p) => p.Id as string),
  };
}

async function findClient(cognito: CognitoIdentityProviderClient, poolId: string, name: string) {
  let token: string | undefined;
  do {
    const page = await cognito.send(
      new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60, NextToken: token }),
    );
    const hit = page.UserPoolClients?.find((c) => c.ClientName === name);
    if (hit?.ClientId) {
      const { UserPoolClient: client } = await cognito.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: hit.ClientId }),
      );
      return {
        id: hit.ClientId,
        hasSecret: Boolean(client?.ClientSecret),
        flows: [...(client?.AllowedOAuthFlows ?? [])],
        scopes: [...(client?.AllowedOAuthScopes ?? [])].sort(),
        userPoolClient: client?.AllowedOAuthFlowsUserPoolClient === true,
      };
    }
    token = page.NextToken;
  } while (token);
  return undefined;
}

/** Finds this app's and environment's user pool by name and tags, and reads its resource server, client and domain. */
export async function readCognito(
  cognito: CognitoIdentityProviderClient,
  names: Names,
  domainPrefix: string,
): Promise<CognitoState> {
  const owner = await cognito.send(new DescribeUserPoolDomainCommand({ Domain: domainPrefix }));
  const domainOwner = owner.DomainDescription?.UserPoolId;
  const pool = await findPool(cognito, names);
  if (!pool) return domainOwner ? { domainOwner } : {};
  const server = await orMissing(['ResourceNotFoundException'], () =>
    cognito.send(
      new DescribeResourceServerCommand({ UserPoolId: pool.id, Identifier: names.resourceServer }),
    ),
  );
  const client = await findClient(cognito, pool.id, names.base);
  return {
    pool,
    ...(server?.ResourceServer
      ? {
          resourceServer: {
            name: server.ResourceServer.Name ?? '',
            scopes: (server.ResourceServer.Scopes ?? []).map((s) => s.ScopeName as string).sort(),
          },
        }
      : {}),
    ...(client ? { client } : {}),
    ...(domainOwner ? { domainOwner } : {}),
  };
}
