/** Plain AWS SDK v3 client configuration shared by every deployer; core itself imports no SDK. */
export interface AwsClientConfig {
  region?: string;
  retryMode: 'adaptive';
  maxAttempts: number;
  customUserAgent: string;
}

export const MLSHIP_USER_AGENT = 'mlship/0.1.0';

/**
 * The environment's region from release.yaml wins over AWS_REGION: it is explicit and per environment, while
 * AWS_REGION is often set once for a whole CI context. Without one the SDK's own chain decides. Endpoints are never
 * set here: the SDK reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> itself.
 */
export function awsClientConfig(
  region: string | undefined,
  env: Record<string, string | undefined> = process.env,
): AwsClientConfig {
  const maxAttempts = Number.parseInt(env.AWS_MAX_ATTEMPTS ?? '', 10);
  return {
    ...(region ? { region } : {}),
    retryMode: 'adaptive',
    maxAttempts: Number.isFinite(maxAttempts) && maxAttempts > 0 ? maxAttempts : 8,
    customUserAgent: MLSHIP_USER_AGENT,
  };
}

/** A warning for an AWS_REGION that release.yaml overrides, so nobody wonders why it was ignored. */
export function regionOverrideNotice(
  region: string,
  env: Record<string, string | undefined>,
  environment: string,
): string | undefined {
  const fromEnv = env.AWS_REGION;
  if (!fromEnv || fromEnv === region) return undefined;
  return `AWS_REGION=${fromEnv} is ignored: release.yaml deploys ${environment} to ${region}`;
}
