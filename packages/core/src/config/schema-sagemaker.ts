import { z } from 'zod';
import {
  DEPLOYMENT_STRATEGIES,
  ECR_REPOSITORY_PATTERN,
  FRAMEWORKS,
  RESOURCE_NAME_PATTERN,
  ROLE_ARN_PATTERN,
} from './constants.js';

const positiveInt = z.number().int().positive();

export const modelSchema = z
  .strictObject({
    framework: z
      .enum(FRAMEWORKS)
      .describe('onnx: served with onnxruntime-node; custom: your own predict() function'),
    path: z.string().min(1).default('model').describe('Model file or directory, relative to the project'),
    timeoutSeconds: z
      .number()
      .positive()
      .max(60)
      .default(25)
      .describe('Seconds one prediction may take (SageMaker real-time endpoints stop at 60)'),
    dataUrl: z
      .string()
      .regex(/^s3:\/\/[^/]+\/.+/, 'an s3:// URI')
      .optional()
      .describe(
        'S3 URI of model.tar.gz (SageMaker ModelDataUrl); omit when the model is baked into the image',
      ),
  })
  .describe('The model and how it is served');

export const imageSchema = z
  .strictObject({
    repository: z
      .string()
      .min(2)
      .max(256)
      .regex(ECR_REPOSITORY_PATTERN, 'an ECR repository name (lowercase letters, digits, . _ - /)')
      .describe('ECR repository of the inference image'),
    tag: z
      .string()
      .regex(/^[\w][\w.-]{0,127}$/, 'a Docker image tag')
      .optional()
      .describe('Pins an image tag; normally it comes from CI (--image-tag, CIRCLE_SHA1 or git HEAD)'),
  })
  .describe('The container image SageMaker runs');

export const instanceSchema = z
  .strictObject({
    type: z.string().default('ml.m5.large').describe('SageMaker instance type, e.g. ml.m5.xlarge'),
    count: positiveInt.max(100).default(1).describe('Initial instance count (2+ for high availability)'),
    volumeSizeInGB: positiveInt.max(512).default(30).describe('EBS volume attached to each instance'),
  })
  .describe('Instances behind the endpoint');

export const autoscalingSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    minInstances: positiveInt.max(100).default(1),
    maxInstances: positiveInt.max(100).default(4),
    targetInvocationsPerInstance: positiveInt
      .max(100000)
      .default(100)
      .describe('Target tracking on SageMakerVariantInvocationsPerInstance (per minute)'),
    scaleInCooldownSeconds: z.number().int().min(0).max(3600).default(300),
    scaleOutCooldownSeconds: z.number().int().min(0).max(3600).default(60),
  })
  .describe('Application Auto Scaling of the production variant');

export const canarySchema = z
  .strictObject({
    percent: z
      .number()
      .min(1)
      .max(99)
      .default(10)
      .describe('Share of the new fleet that takes traffic first (SageMaker allows at most 50%)'),
    waitSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(600)
      .describe('Baking period before the rest shifts'),
  })
  .describe('Canary traffic shifting (strategy: canary)');

export const linearSchema = z
  .strictObject({
    stepPercent: z
      .number()
      .min(1)
      .max(99)
      .default(20)
      .describe('Share of the new fleet added per step (SageMaker allows 10-50%)'),
    waitSeconds: z.number().int().min(0).max(3600).default(300).describe('Baking period between steps'),
  })
  .describe('Linear traffic shifting (strategy: linear)');

export const deploymentSchema = z
  .strictObject({
    strategy: z
      .enum(DEPLOYMENT_STRATEGIES)
      .default('all-at-once')
      .describe('Blue/green traffic shifting mode'),
    canary: canarySchema.optional(),
    linear: linearSchema.optional(),
    terminationWaitSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(0)
      .describe('Seconds the old fleet stays up after traffic moved (TerminationWaitInSeconds)'),
    rollbackAlarms: z
      .array(z.string().min(1).max(255))
      .max(10)
      .default([])
      .describe('CloudWatch alarm names that roll the deployment back when they fire'),
  })
  .describe('How a new model version replaces the old one');

export const dataCaptureSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    destinationS3Uri: z
      .string()
      .regex(/^s3:\/\/[^/]+/, 'an s3:// URI')
      .optional()
      .describe('Where captured requests go; omit to let mlship create an encrypted bucket'),
    samplingPercentage: z.number().int().min(0).max(100).default(100).describe('Share of requests captured'),
    capture: z
      .array(z.enum(['input', 'output']))
      .min(1)
      .default(['input', 'output'])
      .describe('Capture requests (input), responses (output) or both'),
    jsonContentTypes: z
      .array(z.string().min(1).max(256))
      .max(10)
      .default(['application/json'])
      .describe('Content types stored as JSON text rather than base64'),
    expireAfterDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(30)
      .describe('Lifecycle expiry of captures in the bucket mlship creates'),
  })
  .describe('SageMaker Data Capture of requests and responses');

export const sagemakerSchema = z
  .strictObject({
    instance: instanceSchema.default({ type: 'ml.m5.large', count: 1, volumeSizeInGB: 30 }),
    executionRoleArn: z
      .string()
      .regex(ROLE_ARN_PATTERN, 'an IAM role ARN such as arn:aws:iam::123456789012:role/sagemaker-exec')
      .describe('IAM role SageMaker assumes to pull the image and model'),
    variantName: z
      .string()
      .max(63)
      .regex(RESOURCE_NAME_PATTERN, 'a variant name of letters, digits and hyphens')
      .default('AllTraffic'),
    containerStartupTimeoutSeconds: z.number().int().min(60).max(3600).default(600),
    environment: z
      .record(
        z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,1023}$/, 'an environment variable name'),
        z.string().max(1024),
      )
      .default({})
      .describe('Environment variables of the inference container'),
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
    keepVersions: positiveInt
      .max(50)
      .default(5)
      .describe('Previous models/endpoint configs kept for mlship rollback'),
    waitTimeoutMinutes: positiveInt.max(180).default(60).describe('How long deploy waits for InService'),
  })
  .describe('The SageMaker real-time endpoint');
