/** The `$source` feature flags the SDK's credential providers stamp on what they resolve (no secret is read). */
const SOURCES: Array<[string, (profile: string) => string]> = [
  ['CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', () => 'web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)'],
  ['CREDENTIALS_STS_ASSUME_ROLE_WEB_ID', () => 'web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)'],
  ['CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN', (p) => `web identity token of profile ${p}`],
  ['CREDENTIALS_PROFILE_SSO', (p) => `SSO (profile ${p})`],
  ['CREDENTIALS_SSO', (p) => `SSO (profile ${p})`],
  ['CREDENTIALS_PROFILE_SSO_LEGACY', (p) => `SSO (profile ${p})`],
  ['CREDENTIALS_PROFILE_SOURCE_PROFILE', (p) => `role assumed by profile ${p}`],
  ['CREDENTIALS_PROFILE_PROCESS', (p) => `credential_process of profile ${p}`],
  ['CREDENTIALS_PROFILE_LOGIN', (p) => `aws login (profile ${p})`],
  ['CREDENTIALS_PROFILE', (p) => `profile ${p} (shared credentials file)`],
  ['CREDENTIALS_ENV_VARS', () => 'environment variables (AWS_ACCESS_KEY_ID)'],
  ['CREDENTIALS_HTTP', () => 'container credentials (ECS/EKS)'],
  ['CREDENTIALS_IMDS', () => 'EC2 instance metadata'],
];

/** Where the SDK's default credential chain found the credentials, from its own record of it. */
export async function credentialSource(
  credentials: (() => Promise<unknown>) | undefined,
  env: Record<string, string | undefined>,
): Promise<string> {
  const profile = env.AWS_PROFILE ?? 'default';
  let flags: Record<string, unknown> = {};
  try {
    const resolved = (await credentials?.()) as { $source?: Record<string, unknown> } | undefined;
    flags = resolved?.$source ?? {};
  } catch {
    return 'none found';
  }
  const found = SOURCES.find(([flag]) => flag in flags);
  if (found) return found[1](profile);
  if (env.AWS_ACCESS_KEY_ID) return 'environment variables (AWS_ACCESS_KEY_ID)';
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE) return 'web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)';
  return `profile ${profile}`;
}
