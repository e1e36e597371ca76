import { type ResolvedConfig, resolvedEnvironmentSchema } from '@mlship/core';

export const ORG = 'acme-org';
export const APIGEE_ENV = 'staging';

/** A staging environment fronted by Apigee; `apigee` overrides the api.apigee settings. */
export function apigeeResolved(
  dir: string,
  apigee: Record<string, unknown> = {},
  env = 'staging',
): ResolvedConfig {
  const config = resolvedEnvironmentSchema.parse({
    name: 'iris',
    model: { framework: 'onnx' },
    region: 'us-east-1',
    image: { repository: 'iris' },
    sagemaker: {
      executionRoleArn: 'arn:aws:iam::123456789012:role/sagemaker-exec',
      instance: { type: 'ml.m5.large', count: 1 },
    },
    front: 'apigee',
    api: {
      apigee: {
        organization: ORG,
        environment: APIGEE_ENV,
        auth: {
          type: 'jwt',
          issuer: 'https://auth.example.com/',
          audience: 'iris-api',
          jwksUri: 'https://auth.example.com/.well-known/jwks.json',
        },
        ...apigee,
      },
    },
    tags: { team: 'insight' },
  });
  return { env, file: `${dir}/release.yaml`, config };
}

export const OAUTH = { type: 'oauth', scopes: ['predict'] };
export const CORS = { allowOrigins: ['https://app.example.com'] };
