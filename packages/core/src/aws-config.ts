/** Plain AWS SDK v3 client configuration shared by every deployer; core itself imports no SDK. */
export interface AwsClientConfig {
  region?: string;
  retryMode: 'adaptive';
  maxAttempts: number;
  customUserAgent: string;
}

export const MLSHIP_USER_AGENT = 'mlship/0.1.0';

/**
 * Region from release.yaml unless AWS_REGION sets one (the JS SDK v3 reads AWS_REGION, not AWS_DEFAULT_REGION);
 * endpoints are never set here: the SDK reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> itself.
 */
export function awsClientConfig(
  region: string | undefined,
  env: Record<string, string | undefined> = process.env,
): AwsClientConfig {
  const fromEnv = env.AWS_REGION;
  const maxAttempts = Number.parseInt(env.AWS_MAX_ATTEMPTS ?? '', 10);
  return {
    ...(fromEnv || !region ? {} : { region }),
    retryMode: 'adaptive',
    maxAttempts: Number.isFinite(maxAttempts) && maxAttempts > 0 ? maxAttempts : 8,
    customUserAgent: MLSHIP_USER_AGENT,
  };
}
