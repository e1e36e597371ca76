import { MlshipError } from '@mlship/core';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

type Fetch = typeof fetch;

/** Access tokens by client and scope, kept in memory for one run (never written anywhere). */
export class TokenCache {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly fetchImpl: Fetch,
    private readonly now: () => number = Date.now,
  ) {}

  async token(credentials: ClientCredentials): Promise<string> {
    const key = `${credentials.tokenUrl} ${credentials.clientId} ${credentials.scope}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now() + 30_000) return cached.token;
    const fresh = await requestToken(this.fetchImpl, credentials);
    this.tokens.set(key, { token: fresh.token, expiresAt: this.now() + fresh.expiresIn * 1000 });
    return fresh.token;
  }
}

/** The OAuth2 client-credentials grant against Cognito's token endpoint (HTTP Basic client authentication). */
async function requestToken(
  fetchImpl: Fetch,
  c: ClientCredentials,
): Promise<{ token: string; expiresIn: number }> {
  const failed = (why: string) =>
    new MlshipError(
      'CALL_TOKEN_FAILED',
      `The token endpoint ${c.tokenUrl} refused the client-credentials request: ${why}.`,
      {
        kind: 'deploy',
        hint: 'Run mlship deploy again so the app client, its scopes and the hosted domain match release.yaml.',
      },
    );
  let response: Response;
  try {
    response = await fetchImpl(c.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: c.scope }).toString(),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw failed(`unreachable (${(error as Error).message})`);
  }
  const text = await response.text();
  let body: { access_token?: string; expires_in?: number; error?: string } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: reported with the status below
  }
  if (!response.ok || !body.access_token) throw failed(body.error ?? `HTTP ${response.status}`);
  return { token: body.access_token, expiresIn: body.expires_in ?? 3600 };
}
