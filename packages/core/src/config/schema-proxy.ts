import { z } from 'zod';
import { ROLE_ARN_PATTERN } from './constants.js';

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const LAMBDA_ARCHITECTURES = ['arm64', 'x86_64'] as const;

/** Seconds the proxy waits beyond the model's timeout when proxy.timeoutSeconds is not set. */
export const PROXY_TIMEOUT_MARGIN_SECONDS = 5;

export const proxySchema = z
  .strictObject({
    memoryMb: z
      .number()
      .int()
      .min(128)
      .max(10240)
      .default(512)
      .describe('Lambda memory in MB (CPU grows with it)'),
    timeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(900)
      .optional()
      .describe(
        `Lambda timeout; default model.timeoutSeconds + ${PROXY_TIMEOUT_MARGIN_SECONDS}, at most 900 (API Gateway stops at 29)`,
      ),
    architecture: z.enum(LAMBDA_ARCHITECTURES).default('arm64').describe('Instruction set of the proxy'),
    runtime: z
      .string()
      .regex(/^nodejs\d+\.x$/, 'a Node.js Lambda runtime such as nodejs24.x')
      .default('nodejs24.x'),
    roleArn: z
      .string()
      .regex(ROLE_ARN_PATTERN, 'an IAM role ARN such as arn:aws:iam::123456789012:role/proxy')
      .optional()
      .describe('Execution role of the proxy; omitted: mlship creates a least-privilege role'),
    reservedConcurrency: z
      .number()
      .int()
      .min(0)
      .max(10000)
      .optional()
      .describe('Reserved concurrent executions (caps the load on the endpoint)'),
    logRetentionDays: z
      .literal(LOG_RETENTION_DAYS)
      .default(30)
      .describe('Days CloudWatch keeps the proxy logs'),
    keepVersions: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(3)
      .describe('Published versions kept (older unaliased ones are deleted)'),
  })
  .describe('The Lambda proxy in front of the endpoint (response cache, function URL for Apigee)');

export type ProxySettings = z.infer<typeof proxySchema>;

export const PROXY_DEFAULTS: ProxySettings = {
  memoryMb: 512,
  architecture: 'arm64',
  runtime: 'nodejs24.x',
  logRetentionDays: 30,
  keepVersions: 3,
};
