import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type HttpReply, jsonReply, type Route } from '../server/router.js';
import type { FakeCognito } from './fake-cognito.js';
import { SigningKey } from './jwt.js';
import type { ClientRecord, UserPoolRecord } from './state.js';

const TOKEN_PATH = /^\/([a-z0-9-]+)\/oauth2\/token$/;
const JWKS_PATH = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/jwks\.json$/;

export interface TokenEndpoint {
  route: Route;
  /** The key every pool's tokens are signed with (the fake shares one key across pools). */
  key: SigningKey;
  /** Test control: seconds since the epoch; defaults to the wall clock. */
  now: () => number;
  /** Tokens issued so far (for tests that count token requests). */
  issued: Array<{ clientId: string; scope: string }>;
}

const oauthError = (error: string, status = 400): HttpReply => jsonReply(status, { error });

function basicAuth(req: IncomingMessage): { id: string; secret: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(String(req.headers.authorization ?? ''));
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

/**
 * The hosted domain's OAuth2 token endpoint (`POST /<domain>/oauth2/token`, client-credentials grant with HTTP
 * Basic client auth) and each pool's JWKS (`GET /<poolId>/.well-known/jwks.json`). Behaviour: FAKES.md.
 */
export function tokenEndpoint(cognito: FakeCognito): TokenEndpoint {
  const key = new SigningKey();
  const endpoint: TokenEndpoint = {
    key,
    now: () => Math.floor(Date.now() / 1000),
    issued: [],
    route: {
      matches: (req) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        return TOKEN_PATH.test(path) || JWKS_PATH.test(path);
      },
      handle: async (req, body) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const jwks = JWKS_PATH.exec(path);
        if (jwks) {
          if (req.method !== 'GET' || !cognito.pools.has(jwks[1] as string))
            return jsonReply(404, { message: 'Not found' });
          return jsonReply(200, key.jwks());
        }
        const pool = cognito.poolByDomain(TOKEN_PATH.exec(path)?.[1] as string);
        if (!pool) return jsonReply(404, { message: 'Not found' });
        if (req.method !== 'POST') return oauthError('invalid_request', 405);
        if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
          return oauthError('invalid_request');
        }
        return issue(endpoint, cognito, pool, basicAuth(req), new URLSearchParams(body.toString('utf8')));
      },
    },
  };
  return endpoint;
}

function issue(
  endpoint: TokenEndpoint,
  cognito: FakeCognito,
  pool: UserPoolRecord,
  auth: { id: string; secret: string } | undefined,
  form: URLSearchParams,
): HttpReply {
  const clientId = auth?.id ?? form.get('client_id') ?? '';
  const client: ClientRecord | undefined = pool.clients.get(clientId);
  const secret = auth?.secret ?? form.get('client_secret');
  if (!client?.ClientSecret || client.ClientSecret !== secret) return oauthError('invalid_client');
  const grant = form.get('grant_type');
  if (!grant) return oauthError('invalid_request');
  const flows = (client.settings.AllowedOAuthFlows as string[] | undefined) ?? [];
  if (grant !== 'client_credentials') return oauthError('unsupported_grant_type');
  if (!flows.includes('client_credentials')) return oauthError('unauthorized_client');
  const allowed = (client.settings.AllowedOAuthScopes as string[] | undefined) ?? [];
  const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
  if (asked.some((s) => !allowed.includes(s))) return oauthError('invalid_scope');
  const scope = (asked.length > 0 ? asked : allowed).join(' ');
  const validity = (client.settings.AccessTokenValidity as number | undefined) ?? 60;
  const unit =
    (client.settings.TokenValidityUnits as { AccessToken?: string } | undefined)?.AccessToken ?? 'minutes';
  const expiresIn = unit === 'hours' ? validity * 3600 : unit === 'seconds' ? validity : validity * 60;
  const now = endpoint.now();
  const token = endpoint.key.sign({
    sub: client.ClientId,
    token_use: 'access',
    scope,
    auth_time: now,
    iss: cognito.issuer(pool.Id),
    exp: now + expiresIn,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: client.ClientId,
  });
  endpoint.issued.push({ clientId: client.ClientId, scope });
  return jsonReply(200, { access_token: token, expires_in: expiresIn, token_type: 'Bearer' });
}
