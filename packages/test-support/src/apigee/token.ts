import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const STS_PATH = '/v1/token';
export const AUDIENCE =
  '//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/ci/providers/circleci';
const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

/**
 * Workload identity federation, as CI uses it: an `external_account` ADC file whose `token_url` is the fake's STS
 * endpoint and whose subject token is a file. google-auth-library honours `token_url`, so tests run its real ADC path.
 */
export class FakeSts {
  subjectToken = randomBytes(16).toString('hex');
  readonly issued = new Map<string, number>();
  exchanges = 0;

  constructor(private readonly baseUrl: () => string) {}

  async writeCredentials(dir: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    const tokenFile = join(dir, 'ci-oidc-token');
    await writeFile(tokenFile, this.subjectToken);
    const file = join(dir, 'adc.json');
    const adc = {
      type: 'external_account',
      audience: AUDIENCE,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${this.baseUrl()}${STS_PATH}`,
      credential_source: { file: tokenFile },
    };
    await writeFile(file, JSON.stringify(adc, null, 2));
    return file;
  }

  /** RFC 8693 token exchange; answers as Google's STS does, errors in OAuth's shape. */
  exchange(form: URLSearchParams, now: number): { status: number; body: unknown } {
    const problem =
      form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:token-exchange'
        ? 'unsupported_grant_type'
        : form.get('audience') !== AUDIENCE || form.get('subject_token') !== this.subjectToken
          ? 'invalid_grant'
          : !(form.get('scope') ?? '').split(' ').includes(CLOUD_PLATFORM)
            ? 'invalid_scope'
            : undefined;
    if (problem) return { status: 400, body: { error: problem, error_description: `fake STS: ${problem}` } };
    this.exchanges++;
    const token = `ya29.fake-${randomBytes(12).toString('hex')}`;
    this.issued.set(token, now + 3600_000);
    return {
      status: 200,
      body: {
        access_token: token,
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        token_type: 'Bearer',
        expires_in: 3600,
      },
    };
  }

  valid(authorization: string | undefined, now: number): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const expires = token === undefined ? undefined : this.issued.get(token);
    return expires !== undefined && expires > now;
  }
}
