import {
  FRAMEWORKS,
  FRONT_DOORS,
  INSTANCE_TYPES,
  REGION_PATTERN,
  RESOURCE_NAME_PATTERN,
  ROLE_ARN_PATTERN,
} from '@mlship/core/base';
import { z } from 'zod';
import { crossFieldRules, nearestType } from './answers-rules.js';

/** The environments `init` can create, in pipeline order. */
export const ENVIRONMENTS = ['dev', 'qa', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/**
 * Longest model name: derived resource names such as `<name>-<env>-<14-digit timestamp>` (endpoint configs)
 * must stay within SageMaker's 63 characters, so 63 - len('-staging-') - 14 = 40.
 */
export const MODEL_NAME_MAX_LENGTH = 40;

const envName = z.enum(ENVIRONMENTS);
/** A whole number from 1 to `max`, with the message prompts and flag errors show (zod's own is for developers). */
const wholeNumber = (max: number) => {
  const error = `a whole number from 1 to ${max}`;
  return z.number({ error }).int({ error }).min(1, { error }).max(max, { error });
};

export const modelNameSchema = z
  .string()
  .min(2, 'at least 2 characters')
  .max(MODEL_NAME_MAX_LENGTH, `at most ${MODEL_NAME_MAX_LENGTH} characters (it becomes AWS resource names)`)
  .regex(
    RESOURCE_NAME_PATTERN,
    'letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
  );

const tagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/+\-@]+$/u, 'an AWS tag key without "=" (letters, digits, spaces and _.:/+-@)')
  .refine((k) => !k.toLowerCase().startsWith('aws:'), 'tag keys may not start with aws:');

const tagValue = z
  .string()
  .max(256)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, 'an AWS tag value');

export const initAnswersSchema = z
  .strictObject({
    name: modelNameSchema,
    framework: z.enum(FRAMEWORKS),
    /** For onnx: the .onnx file copied into the project's `model/model.onnx`. */
    modelFile: z.string().min(1).optional(),
    environments: z
      .array(envName)
      .min(1, 'choose at least one environment')
      .refine((list) => new Set(list).size === list.length, 'an environment is listed twice'),
    fronts: z.partialRecord(envName, z.enum(FRONT_DOORS)),
    apigee: z
      .strictObject({
        organization: z.string().regex(/^[a-z][a-z0-9-]{0,61}$/, 'an Apigee organization name'),
        /** Apigee environment per mlship environment; missing ones default to the mlship environment's name. */
        environments: z.partialRecord(
          envName,
          z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'an Apigee environment name'),
        ),
        jwksUri: z.url({ protocol: /^https$/, error: 'an https:// URL' }),
      })
      .optional(),
    instanceType: z.string().refine((type) => INSTANCE_TYPES.some((known) => known.type === type), {
      error: (issue) => `a SageMaker instance type mlship knows${nearestType(String(issue.input))}`,
    }),
    instanceCount: wholeNumber(100),
    volumeSize: wholeNumber(512),
    autoscaling: z.strictObject({
      enabled: z.boolean(),
      min: wholeNumber(100),
      max: wholeNumber(100),
      target: wholeNumber(100_000),
    }),
    cache: z.strictObject({
      enabled: z.boolean(),
      ttl: wholeNumber(7 * 24 * 3600),
      redisUrl: z
        .string()
        .regex(/^rediss?:\/\/[^\s]+$/, 'a redis:// or rediss:// URL')
        .optional(),
      provision: z.boolean(),
      /** ElastiCache runs in a VPC: where to provision it. */
      vpc: z
        .strictObject({
          subnetIds: z
            .array(z.string().regex(/^subnet-[0-9a-f]+$/, 'a subnet id such as subnet-0abc12'))
            .min(1),
          securityGroupIds: z
            .array(z.string().regex(/^sg-[0-9a-f]+$/, 'a security group id such as sg-0abc12'))
            .min(1),
        })
        .optional(),
    }),
    region: z.string().regex(REGION_PATTERN, 'an AWS region such as eu-central-1'),
    team: tagValue.min(1, 'a team name is required'),
    tags: z.record(tagKey, tagValue),
    executionRoleArn: z
      .string()
      .regex(ROLE_ARN_PATTERN, 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)'),
    git: z.boolean(),
    dir: z.string().min(1),
  })
  .superRefine(crossFieldRules);

export type InitAnswers = z.infer<typeof initAnswersSchema>;

export {
  apigeeEnvironmentOf,
  defaultFront,
  type FrontDoorChoice,
  frontOf,
  PLACEHOLDER_APIGEE_ORG,
  PLACEHOLDER_JWKS_URI,
  PLACEHOLDER_ROLE_ARN,
  partitionOf,
  placeholderRoleArn,
} from './answers-env.js';
