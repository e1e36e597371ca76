import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID, sign, verify } from 'node:crypto';

export interface Jwk {
  kid: string;
  kty: string;
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** One RS256 signing key, published as a JWKS, like a Cognito user pool's. */
export class SigningKey {
  readonly kid = randomUUID();
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  jwks(): { keys: Jwk[] } {
    const jwk = this.publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
    return { keys: [{ kid: this.kid, kty: jwk.kty, alg: 'RS256', use: 'sig', n: jwk.n, e: jwk.e }] };
  }

  sign(claims: Record<string, unknown>): string {
    const head = b64url(JSON.stringify({ kid: this.kid, alg: 'RS256' }));
    const body = b64url(JSON.stringify(claims));
    const signature = sign('sha256', Buffer.from(`${head}.${body}`), this.privateKey);
    return `${head}.${body}.${b64url(signature)}`;
  }
}

/** Verifies an RS256 JWT against a JWKS and returns its claims, or a reason it is not acceptable. */
export function verifyJwt(
  token: string,
  jwks: { keys: Jwk[] },
  nowSeconds: number,
): { claims: Record<string, unknown> } | { reason: string } {
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) return { reason: 'not a JWT' };
  let header: { kid?: string; alg?: string };
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { reason: 'not a JWT' };
  }
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (header.alg !== 'RS256' || !jwk) return { reason: 'unknown signing key' };
  const key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${head}.${body}`), key, Buffer.from(signature, 'base64url'))) {
    return { reason: 'bad signature' };
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return { reason: 'expired' };
  return { claims };
}
