import {
  type CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolDomainCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { errorName } from './clients.js';
import type { Decisions } from './decide.js';
import type { Desired } from './desired.js';
import { domainTaken } from './plan.js';
import type { CognitoState } from './read-cognito.js';

export interface CognitoIds {
  poolId: string;
  poolArn: string;
  clientId: string;
}

function clientSettings(desired: Desired) {
  return {
    AllowedOAuthFlows: ['client_credentials' as const],
    AllowedOAuthScopes: desired.scopes,
    AllowedOAuthFlowsUserPoolClient: true,
    SupportedIdentityProviders: ['COGNITO'],
    AccessTokenValidity: 60,
    TokenValidityUnits: { AccessToken: 'minutes' as const },
    EnableTokenRevocation: true,
    PreventUserExistenceErrors: 'ENABLED' as const,
  };
}

/** Creates or updates the user pool, its resource server, the app client and the hosted domain, as decided. */
export async function applyCognito(
  cognito: CognitoIdentityProviderClient,
  d: Decisions,
  current: CognitoState,
  desired: Desired,
  accountId: string,
): Promise<CognitoIds> {
  let pool = current.pool && { id: current.pool.id, arn: current.pool.arn };
  if (!pool) {
    const created = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: desired.names.base,
        UserPoolTags: desired.names.tags,
        DeletionProtection: 'INACTIVE',
      }),
    );
    pool = { id: created.UserPool?.Id as string, arn: created.UserPool?.Arn as string };
  }
  const server = {
    UserPoolId: pool.id,
    Identifier: desired.names.resourceServer,
    Name: desired.names.resourceServer,
    Scopes: desired.scopeNames.map((ScopeName) => ({
      ScopeName,
      ScopeDescription: `${ScopeName} the model API`,
    })),
  };
  if (d.resourceServer === 'create') await cognito.send(new CreateResourceServerCommand(server));
  if (d.resourceServer === 'update') await cognito.send(new UpdateResourceServerCommand(server));

  let clientId = current.client?.id;
  if (d.client === 'update' && clientId) {
    await cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: pool.id,
        ClientId: clientId,
        ClientName: desired.names.base,
        ...clientSettings(desired),
      }),
    );
  }
  if (d.client === 'replace' && clientId) {
    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool.id, ClientId: clientId }));
  }
  if (d.client === 'create' || d.client === 'replace') {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool.id,
        ClientName: desired.names.base,
        GenerateSecret: true,
        ...clientSettings(desired),
      }),
    );
    clientId = created.UserPoolClient?.ClientId as string;
  }

  if (d.domain === 'replace' && current.pool?.domain) {
    await cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool.id, Domain: current.pool.domain }));
  }
  if (d.domain !== 'noop') {
    try {
      await cognito.send(
        new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: desired.domainPrefix }),
      );
    } catch (error) {
      if (
        errorName(error) === 'InvalidParameterException' &&
        /already associated|already exists/i.test(String((error as Error).message))
      ) {
        throw domainTaken(desired.domainPrefix, accountId, desired.region);
      }
      throw error;
    }
  }
  return { poolId: pool.id, poolArn: pool.arn, clientId: clientId as string };
}
