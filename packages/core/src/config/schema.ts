import { z } from 'zod';
import {
  type DEPLOYMENT_STRATEGIES,
  type FRAMEWORKS,
  FRONT_DOORS,
  REGION_PATTERN,
  RESOURCE_NAME_PATTERN,
} from './constants.js';
import { apiSchema, cacheSchema, tagsSchema } from './schema-edge.js';
import { PROXY_DEFAULTS, proxySchema } from './schema-proxy.js';
import { imageSchema, modelSchema, sagemakerSchema } from './schema-sagemaker.js';

/**
 * The release.yaml contract. Every object is strict: an unknown key is an error.
 * Base settings plus `environments.<env>` overlays (deep merge, arrays replace); the loader merges the chosen
 * overlay into the base and validates the result against `resolvedEnvironmentSchema`.
 */

export * from './constants.js';
export * from './schema-edge.js';
export * from './schema-proxy.js';
export * from './schema-sagemaker.js';

/** The settings of one environment after its overlay has been merged into the base. */
export const resolvedEnvironmentSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(63)
    .regex(RESOURCE_NAME_PATTERN, 'a name of letters, digits and hyphens, starting with a letter')
    .describe('Model name; AWS resource names are derived from it (<name>-<env>-<hash>)'),
  model: modelSchema,
  region: z.string().regex(REGION_PATTERN, 'an AWS region such as eu-central-1').describe('AWS region'),
  accountId: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .optional()
    .describe('The AWS account this environment must deploy to; doctor and deploy refuse other credentials'),
  image: imageSchema,
  sagemaker: sagemakerSchema,
  cache: cacheSchema.default({
    enabled: false,
    ttl: 3600,
    provision: false,
    maxEntryBytes: 262144,
    connectTimeoutMs: 100,
    commandTimeoutMs: 100,
  }),
  proxy: proxySchema.default(PROXY_DEFAULTS),
  api: apiSchema.default({}),
  front: z
    .enum(FRONT_DOORS)
    .default('none')
    .describe('The front door: apigateway (Cognito + API key), apigee (Apigee X) or none'),
  tags: tagsSchema.default({}),
});

export type ResolvedEnvironment = z.infer<typeof resolvedEnvironmentSchema>;
export type FrontDoor = (typeof FRONT_DOORS)[number];
export type Framework = (typeof FRAMEWORKS)[number];
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

/** The environment's settings as mlship uses them: `env` is the environment name, `config` its merged settings. */
export interface ResolvedConfig {
  env: string;
  file: string;
  config: ResolvedEnvironment;
}
