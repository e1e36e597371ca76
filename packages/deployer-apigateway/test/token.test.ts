import { describe, expect, it } from 'vitest';
import { TokenCache } from '../src/call/token.js';

const credentials = {
  tokenUrl: 'https://x.auth.eu-west-1.amazoncognito.com/oauth2/token',
  clientId: 'id',
  clientSecret: 's3cr3t',
  scope: 'iris/invoke',
};

function fakeFetch(answers: Array<{ status: number; body: unknown }>) {
  const requests: RequestInit[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    requests.push(init);
    const answer = answers.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  }) as unknown as typeof fetch;
  return { fetchImpl, requests };
}

describe('TokenCache', () => {
  it('asks once per client and scope while the token is fresh, and again shortly before it expires', async () => {
    let now = 0;
    const { fetchImpl, requests } = fakeFetch([
      { status: 200, body: { access_token: 'a', expires_in: 3600 } },
      { status: 200, body: { access_token: 'b', expires_in: 3600 } },
    ]);
    const cache = new TokenCache(fetchImpl, () => now);
    expect(await cache.token(credentials)).toBe('a');
    expect(await cache.token(credentials)).toBe('a');
    now = 3_590_000;
    expect(await cache.token(credentials)).toBe('b');
    expect(requests).toHaveLength(2);
    expect(String(requests[0]?.body)).toBe('grant_type=client_credentials&scope=iris%2Finvoke');
    expect((requests[0]?.headers as Record<string, string> | undefined)?.authorization).toBe(
      `Basic ${Buffer.from('id:s3cr3t').toString('base64')}`,
    );
  });

  it('reports the OAuth error the endpoint answered with', async () => {
    const { fetchImpl } = fakeFetch([{ status: 400, body: { error: 'invalid_client' } }]);
    await expect(new TokenCache(fetchImpl).token(credentials)).rejects.toMatchObject({
      code: 'CALL_TOKEN_FAILED',
      message: expect.stringContaining('invalid_client'),
    });
  });
});
