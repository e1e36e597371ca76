import { describe, expect, it } from 'vitest';
import { credentialSource } from '../src/credential-source.js';
import { principalArn } from '../src/identity.js';

const resolved = ($source: Record<string, string>) => async () => ({
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 'do-not-print',
  $source,
});

describe('where the credentials came from (the SDK chain’s own record, never the secret)', () => {
  it('names the provider that resolved them', async () => {
    const env = { AWS_PROFILE: 'ci' };
    expect(await credentialSource(resolved({ CREDENTIALS_PROFILE_SSO: 'r' }), env)).toBe('SSO (profile ci)');
    expect(await credentialSource(resolved({ CREDENTIALS_PROFILE: 'n' }), env)).toBe(
      'profile ci (shared credentials file)',
    );
    expect(
      await credentialSource(
        resolved({ CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN: 'h', CREDENTIALS_STS_ASSUME_ROLE_WEB_ID: 'k' }),
        {},
      ),
    ).toBe('web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)');
    expect(await credentialSource(resolved({ CREDENTIALS_ENV_VARS: 'g' }), {})).toBe(
      'environment variables (AWS_ACCESS_KEY_ID)',
    );
    expect(await credentialSource(resolved({ CREDENTIALS_IMDS: '0' }), {})).toBe('EC2 instance metadata');
  });

  it('says none were found when the chain fails, and never returns a secret', async () => {
    const failing = async () => {
      throw new Error('Could not load credentials from any providers');
    };
    expect(await credentialSource(failing, {})).toBe('none found');
    expect(await credentialSource(resolved({}), { AWS_PROFILE: 'dev' })).toBe('profile dev');
    expect(await credentialSource(resolved({ CREDENTIALS_ENV_VARS: 'g' }), {})).not.toContain('do-not-print');
  });

  it('an assumed-role session is simulated as its role', () => {
    expect(principalArn('arn:aws:sts::123456789012:assumed-role/deployer/ci-42')).toEqual({
      arn: 'arn:aws:iam::123456789012:role/deployer',
      roleName: 'deployer',
    });
    expect(principalArn('arn:aws:iam::123456789012:user/ci')).toEqual({
      arn: 'arn:aws:iam::123456789012:user/ci',
    });
  });
});
