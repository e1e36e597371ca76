import {
  CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Jwk, verifyJwt } from '../src/cognito/jwt.js';
import { type FakeAws, startFakeAws } from '../src/index.js';
import { rejection } from './helpers.js';

let fake: FakeAws;
let idp: CognitoIdentityProviderClient;
beforeAll(async () => {
  fake = await startFakeAws();
  idp = new CognitoIdentityProviderClient({ ...fake.clientConfig, maxAttempts: 1 });
});
beforeEach(() => fake.reset());
afterAll(async () => {
  idp.destroy();
  await fake.stop();
});

async function poolWithClient(flows = ['client_credentials'] as const) {
  const pool = await idp.send(
    new CreateUserPoolCommand({ PoolName: 'iris-dev', UserPoolTags: { 'mlship:app': 'iris' } }),
  );
  const UserPoolId = pool.UserPool?.Id as string;
  await idp.send(
    new CreateResourceServerCommand({
      UserPoolId,
      Identifier: 'iris',
      Name: 'iris',
      Scopes: [{ ScopeName: 'invoke', ScopeDescription: 'call' }],
    }),
  );
  const client = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId,
      ClientName: 'iris-dev',
      GenerateSecret: true,
      AllowedOAuthFlows: [...flows],
      AllowedOAuthScopes: ['iris/invoke'],
      AllowedOAuthFlowsUserPoolClient: true,
    }),
  );
  await idp.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain: 'iris-dev' }));
  return { UserPoolId, client: client.UserPoolClient as { ClientId: string; ClientSecret: string } };
}

async function token(domain: string, auth: string | undefined, form: string) {
  const url = fake.env.MLSHIP_COGNITO_TOKEN_URL?.replace('{domain}', domain) as string;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(auth ? { authorization: `Basic ${auth}` } : {}),
    },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Cognito user pools', () => {
  it('creates pools with tags, lists them page by page and allows duplicate names', async () => {
    const a = await idp.send(
      new CreateUserPoolCommand({ PoolName: 'iris-dev', UserPoolTags: { 'mlship:env': 'dev' } }),
    );
    await idp.send(new CreateUserPoolCommand({ PoolName: 'iris-dev' }));
    expect(a.UserPool?.Id).toMatch(/^us-east-1_[0-9a-zA-Z]{9}$/);
    const first = await idp.send(new ListUserPoolsCommand({ MaxResults: 1 }));
    expect(first.UserPools).toHaveLength(1);
    const second = await idp.send(new ListUserPoolsCommand({ MaxResults: 1, NextToken: first.NextToken }));
    expect(second.UserPools?.[0]?.Name).toBe('iris-dev');
    expect(second.NextToken).toBeUndefined();
    const described = await idp.send(new DescribeUserPoolCommand({ UserPoolId: a.UserPool?.Id }));
    expect(described.UserPool?.UserPoolTags).toEqual({ 'mlship:env': 'dev' });
  });

  it('rejects a missing pool, a MaxResults out of range, and deleting a pool that still has a domain', async () => {
    const missing = await rejection(
      idp.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    const range = await rejection(idp.send(new ListUserPoolsCommand({ MaxResults: 61 })));
    expect(range.name).toBe('ValidationException');
    const { UserPoolId } = await poolWithClient();
    const withDomain = await rejection(idp.send(new DeleteUserPoolCommand({ UserPoolId })));
    expect(withDomain.name).toBe('InvalidParameterException');
    await idp.send(new DeleteUserPoolDomainCommand({ UserPoolId, Domain: 'iris-dev' }));
    await idp.send(new DeleteUserPoolCommand({ UserPoolId }));
    expect(fake.cognito.pools.size).toBe(0);
  });
});

describe('Cognito resource servers, clients and domains', () => {
  it('keeps the client secret across UpdateUserPoolClient, which replaces the other settings', async () => {
    const { UserPoolId, client } = await poolWithClient();
    expect(client.ClientSecret).toHaveLength(51);
    await idp.send(
      new UpdateUserPoolClientCommand({
        UserPoolId,
        ClientId: client.ClientId,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['iris/invoke'],
        AllowedOAuthFlowsUserPoolClient: true,
        AccessTokenValidity: 2,
        TokenValidityUnits: { AccessToken: 'hours' },
      }),
    );
    const out = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: client.ClientId }));
    expect(out.UserPoolClient).toMatchObject({ ClientSecret: client.ClientSecret, AccessTokenValidity: 2 });
  });

  it('rejects unknown scopes, client_credentials without a secret, and a second identifier', async () => {
    const { UserPoolId } = await poolWithClient();
    const base = {
      UserPoolId,
      ClientName: 'x',
      AllowedOAuthFlows: ['client_credentials' as const],
      AllowedOAuthFlowsUserPoolClient: true,
    };
    const scope = await rejection(
      idp.send(
        new CreateUserPoolClientCommand({
          ...base,
          GenerateSecret: true,
          AllowedOAuthScopes: ['iris/write'],
        }),
      ),
    );
    expect(scope.name).toBe('ScopeDoesNotExistException');
    const noSecret = await rejection(
      idp.send(new CreateUserPoolClientCommand({ ...base, AllowedOAuthScopes: ['iris/invoke'] })),
    );
    expect(noSecret.name).toBe('InvalidOAuthFlowException');
    const twice = await rejection(
      idp.send(new CreateResourceServerCommand({ UserPoolId, Identifier: 'iris', Name: 'again' })),
    );
    expect(twice.name).toBe('InvalidParameterException');
    const gone = await rejection(
      idp.send(new DescribeResourceServerCommand({ UserPoolId, Identifier: 'nope' })),
    );
    expect(gone.name).toBe('ResourceNotFoundException');
  });

  it('refuses a taken domain prefix, a reserved word and an invalid prefix', async () => {
    const { UserPoolId } = await poolWithClient();
    const other = await idp.send(new CreateUserPoolCommand({ PoolName: 'other' }));
    const taken = await rejection(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: other.UserPool?.Id, Domain: 'iris-dev' })),
    );
    expect(taken).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Domain already associated with another user pool.',
    });
    fake.cognito.takenDomains.add('elsewhere');
    const elsewhere = await rejection(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: other.UserPool?.Id, Domain: 'elsewhere' })),
    );
    expect(elsewhere.name).toBe('InvalidParameterException');
    const reserved = await rejection(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: other.UserPool?.Id, Domain: 'my-aws-app' })),
    );
    expect(reserved.message).toMatch(/reserved word/);
    const invalid = await rejection(
      idp.send(new CreateUserPoolDomainCommand({ UserPoolId: other.UserPool?.Id, Domain: 'Bad_Name' })),
    );
    expect(invalid.name).toBe('ValidationException');
    const described = await idp.send(new DescribeUserPoolDomainCommand({ Domain: 'iris-dev' }));
    expect(described.DomainDescription).toMatchObject({ UserPoolId, Status: 'ACTIVE' });
  });
});

describe('the hosted domain token endpoint', () => {
  it('issues an RS256 access token for the client-credentials grant that verifies against the JWKS', async () => {
    const { UserPoolId, client } = await poolWithClient();
    const basic = Buffer.from(`${client.ClientId}:${client.ClientSecret}`).toString('base64');
    const res = await token('iris-dev', basic, 'grant_type=client_credentials&scope=iris%2Finvoke');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const jwks = (await (await fetch(`${fake.endpoint}/${UserPoolId}/.well-known/jwks.json`)).json()) as {
      keys: Jwk[];
    };
    const verified = verifyJwt(res.body.access_token as string, jwks, Math.floor(Date.now() / 1000));
    expect(verified).toMatchObject({
      claims: {
        client_id: client.ClientId,
        scope: 'iris/invoke',
        token_use: 'access',
        iss: `https://cognito-idp.us-east-1.amazonaws.com/${UserPoolId}`,
      },
    });
    const tampered = `${(res.body.access_token as string).slice(0, -4)}AAAA`;
    expect(verifyJwt(tampered, jwks, Math.floor(Date.now() / 1000))).toEqual({ reason: 'bad signature' });
  });

  it('answers invalid_client for a wrong secret and invalid_scope for a scope the client lacks', async () => {
    const { client } = await poolWithClient();
    const wrong = Buffer.from(`${client.ClientId}:nope`).toString('base64');
    expect(await token('iris-dev', wrong, 'grant_type=client_credentials')).toEqual({
      status: 400,
      body: { error: 'invalid_client' },
    });
    const basic = Buffer.from(`${client.ClientId}:${client.ClientSecret}`).toString('base64');
    expect(await token('iris-dev', basic, 'grant_type=client_credentials&scope=iris%2Fadmin')).toEqual({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    expect(await token('iris-dev', basic, 'grant_type=password')).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
  });
});
