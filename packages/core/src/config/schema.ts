import { z } from 'zod';

/**
 * The release.yaml contract. Every object is strict: an unknown key is an error.
 * Base settings plus `environments.<env>` overlays (deep merge, arrays replace); the loader merges the chosen
 * overlay into the base and validates the result against `resolvedEnvironmentSchema`.
 */

export const FRAMEWORKS = ['onnx', 'custom'] as const;
export const FRONT_DOORS = ['apigateway', 'apigee', 'none'] as const;
export const DEPLOYMENT_STRATEGIES = ['all-at-once', 'canary', 'linear'] as const;
export const QUOTA_PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;

/** Resource-name pattern shared by SageMaker, Lambda and API Gateway names that mlship derives from `name`. */
export const RESOURCE_NAME_PATTERN = /^[a-zA-Z](-*[a-zA-Z0-9])*$/;
export const ENV_NAME_PATTERN = /^[a-z][a-z0-9]{0,9}$/;
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
export const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
export const ECR_REPOSITORY_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

const positiveInt = z.number().int().positive();

export const modelSchema = z.strictObject({
  framework: z.enum(FRAMEWORKS),
  path: z.string().min(1).default('model'),
  /** Seconds the model may take for one request; SageMaker real-time endpoints stop at 60. */
  timeoutSeconds: z.number().positive().max(60).default(30),
  /** S3 URI of model.tar.gz (SageMaker ModelDataUrl); absent when the model is baked into the image. */
  dataUrl: z
    .string()
    .regex(/^s3:\/\/[^/]+\/.+/, 'an s3:// URI')
    .optional(),
});

export const imageSchema = z.strictObject({
  repository: z.string().min(2).max(256).regex(ECR_REPOSITORY_PATTERN, 'an ECR repository name'),
  /** Normally from CI (--image-tag, CIRCLE_SHA1 or git HEAD); set here only to pin one. */
  tag: z
    .string()
    .regex(/^[\w][\w.-]{0,127}$/, 'a Docker image tag')
    .optional(),
});

export const instanceSchema = z.strictObject({
  type: z.string().default('ml.m5.large'),
  count: positiveInt.max(100).default(1),
  volumeSizeInGB: positiveInt.max(512).default(30),
});

export const autoscalingSchema = z.strictObject({
  enabled: z.boolean().default(false),
  minInstances: positiveInt.max(100).default(1),
  maxInstances: positiveInt.max(100).default(4),
  targetInvocationsPerInstance: positiveInt.default(100),
  scaleInCooldownSeconds: z.number().int().min(0).max(3600).default(300),
  scaleOutCooldownSeconds: z.number().int().min(0).max(3600).default(60),
});

export const canarySchema = z.strictObject({
  percent: z.number().min(1).max(99).default(10),
  waitSeconds: z.number().int().min(0).max(3600).default(600),
});

export const linearSchema = z.strictObject({
  stepPercent: z.number().min(1).max(99).default(20),
  waitSeconds: z.number().int().min(0).max(3600).default(300),
});

export const deploymentSchema = z.strictObject({
  strategy: z.enum(DEPLOYMENT_STRATEGIES).default('all-at-once'),
  canary: canarySchema.optional(),
  linear: linearSchema.optional(),
  /** Seconds the old fleet stays up after traffic moved (SageMaker TerminationWaitInSeconds). */
  terminationWaitSeconds: z.number().int().min(0).max(3600).default(0),
  rollbackAlarms: z.array(z.string().min(1).max(255)).max(10).default([]),
});

export const dataCaptureSchema = z.strictObject({
  enabled: z.boolean().default(false),
  destinationS3Uri: z.string().regex(/^s3:\/\/[^/]+/, 'an s3:// URI'),
  samplingPercentage: z.number().int().min(0).max(100).default(100),
  capture: z
    .array(z.enum(['input', 'output']))
    .min(1)
    .default(['input', 'output']),
});

export const sagemakerSchema = z.strictObject({
  instance: instanceSchema.default({ type: 'ml.m5.large', count: 1, volumeSizeInGB: 30 }),
  executionRoleArn: z
    .string()
    .regex(ROLE_ARN_PATTERN, 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)'),
  variantName: z.string().regex(RESOURCE_NAME_PATTERN).max(63).default('AllTraffic'),
  containerStartupTimeoutSeconds: z.number().int().min(60).max(3600).default(600),
  environment: z.record(z.string(), z.string()).default({}),
  autoscaling: autoscalingSchema.default({
    enabled: false,
    minInstances: 1,
    maxInstances: 4,
    targetInvocationsPerInstance: 100,
    scaleInCooldownSeconds: 300,
    scaleOutCooldownSeconds: 60,
  }),
  deployment: deploymentSchema.default({
    strategy: 'all-at-once',
    terminationWaitSeconds: 0,
    rollbackAlarms: [],
  }),
  dataCapture: dataCaptureSchema.optional(),
  /** How many previous models/endpoint configs to keep for `mlship rollback`. */
  keepVersions: positiveInt.max(50).default(5),
  waitTimeoutMinutes: positiveInt.max(180).default(60),
});

export const cacheSchema = z.strictObject({
  enabled: z.boolean().default(true),
  ttl: positiveInt.max(7 * 24 * 3600).default(3600),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'a redis:// or rediss:// URL')
    .optional(),
  provision: z.boolean().default(false),
  nodeType: z
    .string()
    .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, 'an ElastiCache node type')
    .default('cache.t4g.micro'),
  vpc: z
    .strictObject({
      subnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]+$/, 'a subnet id')).min(1),
      securityGroupIds: z.array(z.string().regex(/^sg-[0-9a-f]+$/, 'a security group id')).min(1),
    })
    .optional(),
});

export const apiGatewaySchema = z.strictObject({
  stageName: z
    .string()
    .regex(/^[a-zA-Z0-9_]{1,128}$/)
    .default('v1'),
  throttle: z
    .strictObject({ rateLimit: z.number().positive().default(50), burstLimit: positiveInt.default(100) })
    .default({ rateLimit: 50, burstLimit: 100 }),
  quota: z
    .strictObject({ limit: positiveInt.default(10000), period: z.enum(QUOTA_PERIODS).default('DAY') })
    .default({ limit: 10000, period: 'DAY' }),
  scopes: z
    .array(z.string().regex(/^[\w.:/-]+$/))
    .min(1)
    .default(['invoke']),
});

export const apigeeAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('jwt'),
    issuer: z.string().min(1),
    audience: z.string().min(1),
    jwksUri: z.url({ protocol: /^https$/ }),
  }),
  z.strictObject({
    type: z.literal('oauth'),
    /** Scopes the Apigee-issued access token must carry. */
    scopes: z.array(z.string().min(1)).default([]),
  }),
]);

export const apigeeSchema = z.strictObject({
  organization: z.string().regex(/^[a-z][a-z0-9-]{0,61}$/, 'an Apigee organization name'),
  environment: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'an Apigee environment name'),
  basePath: z
    .string()
    .regex(/^\/[\w/-]*$/, 'a base path starting with /')
    .optional(),
  auth: apigeeAuthSchema,
  quota: z
    .strictObject({
      limit: positiveInt.default(1000),
      interval: positiveInt.default(1),
      timeUnit: z.enum(['minute', 'hour', 'day', 'week', 'month']).default('minute'),
    })
    .default({ limit: 1000, interval: 1, timeUnit: 'minute' }),
  spikeArrest: z
    .strictObject({ rate: z.string().regex(/^\d+p[sm]$/, 'a rate such as 100ps or 600pm') })
    .default({ rate: '100ps' }),
});

export const apiSchema = z.strictObject({
  apigateway: apiGatewaySchema.optional(),
  apigee: apigeeSchema.optional(),
});

export const tagsSchema = z.record(
  z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, 'an AWS tag key'),
  z.string().max(256),
);

/** The settings of one environment after its overlay has been merged into the base. */
export const resolvedEnvironmentSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(63)
    .regex(RESOURCE_NAME_PATTERN, 'a name of letters, digits and hyphens, starting with a letter'),
  model: modelSchema,
  region: z.string().regex(REGION_PATTERN, 'an AWS region such as eu-central-1'),
  image: imageSchema,
  sagemaker: sagemakerSchema,
  cache: cacheSchema.default({ enabled: false, ttl: 3600, provision: false, nodeType: 'cache.t4g.micro' }),
  api: apiSchema.default({}),
  front: z.enum(FRONT_DOORS).default('none'),
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
