import { z } from 'zod';
import { APIGEE_TIME_UNITS, QUOTA_PERIODS } from './constants.js';
import { LOG_RETENTION_DAYS } from './schema-proxy.js';

const positiveInt = z.number().int().positive();

export const cacheSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    ttl: positiveInt
      .max(7 * 24 * 3600)
      .default(3600)
      .describe('Seconds a cached response lives'),
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\/.+/, 'a redis:// or rediss:// URL')
      .optional()
      .describe('An existing Redis; or set provision: true'),
    provision: z
      .boolean()
      .default(false)
      .describe('Create an ElastiCache Serverless Redis for this environment (needs vpc; TLS only)'),
    maxEntryBytes: positiveInt
      .max(6 * 1024 * 1024)
      .default(262144)
      .describe('Responses larger than this many bytes are not cached'),
    connectTimeoutMs: positiveInt
      .max(10_000)
      .default(100)
      .describe('Milliseconds the proxy waits to connect to Redis before serving uncached'),
    commandTimeoutMs: positiveInt
      .max(10_000)
      .default(100)
      .describe('Milliseconds the proxy waits for one Redis command before serving uncached'),
    vpc: z
      .strictObject({
        subnetIds: z
          .array(z.string().regex(/^subnet-[0-9a-f]+$/, 'a subnet id such as subnet-0abc1234'))
          .min(1),
        securityGroupIds: z
          .array(z.string().regex(/^sg-[0-9a-f]+$/, 'a security group id such as sg-0abc1234'))
          .min(1),
      })
      .optional()
      .describe('Subnets and security groups of the proxy Lambda and the provisioned Redis'),
  })
  .describe('Response cache in the Lambda proxy');

export const apiGatewaySchema = z
  .strictObject({
    stageName: z
      .string()
      .regex(/^[a-zA-Z0-9_]{1,128}$/, 'a stage name of letters, digits and underscores')
      .default('v1'),
    throttle: z
      .strictObject({
        rateLimit: z.number().positive().default(50).describe('Steady-state requests per second'),
        burstLimit: positiveInt.default(100),
      })
      .default({ rateLimit: 50, burstLimit: 100 }),
    quota: z
      .strictObject({ limit: positiveInt.default(10000), period: z.enum(QUOTA_PERIODS).default('DAY') })
      .default({ limit: 10000, period: 'DAY' })
      .describe('Usage-plan quota per API key'),
    scopes: z
      .array(z.string().regex(/^[\w.:/-]+$/, 'an OAuth scope name'))
      .min(1)
      .default(['invoke'])
      .describe('Cognito resource-server scopes a client token must carry'),
    domainPrefix: z
      .string()
      .regex(
        /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
        'a Cognito domain prefix: 1 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen',
      )
      .refine(
        (prefix) => !/aws|amazon|cognito/.test(prefix),
        'expected a prefix without aws, amazon or cognito (Cognito reserves them)',
      )
      .optional()
      .describe('Cognito hosted-domain prefix of the token URL; default <name>-<env>'),
    cors: z
      .strictObject({
        allowOrigin: z
          .string()
          .regex(/^(\*|https?:\/\/[^\s/'"]+)$/, "'*' or an origin such as https://app.example.com")
          .describe('Access-Control-Allow-Origin for browser clients'),
      })
      .optional()
      .describe('Answer CORS preflights (OPTIONS) and add CORS headers to gateway errors'),
    accessLogs: z
      .strictObject({
        destinationArn: z
          .string()
          .regex(
            /^arn:aws[\w-]*:logs:[a-z0-9-]+:\d{12}:log-group:[\w./#-]+$/,
            'a CloudWatch Logs log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>)',
          )
          .optional()
          .describe(
            'An existing log group; without it mlship creates /mlship/<name>-<env>/apigateway-access',
          ),
        retentionInDays: z
          .literal(LOG_RETENTION_DAYS)
          .default(30)
          .describe('Retention of the log group mlship creates'),
      })
      .optional()
      .describe(
        'Stage access logs (JSON lines); the account needs API Gateway’s CloudWatch role. Omit to leave them off',
      ),
  })
  .describe('API Gateway REST API with a Cognito authorizer and an API key');

export const apigeeAuthSchema = z.discriminatedUnion('type', [
  z
    .strictObject({
      type: z.literal('jwt'),
      issuer: z.string().min(1),
      audience: z.string().min(1),
      jwksUri: z.url({ protocol: /^https$/, error: 'an https:// URL' }),
      algorithm: z
        .enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'])
        .optional()
        .describe('The signing algorithm your auth service uses; default RS256'),
    })
    .describe('Verify JWTs issued by your auth service'),
  z
    .strictObject({
      type: z.literal('oauth'),
      scopes: z.array(z.string().min(1)).default([]).describe('Scopes the Apigee access token must carry'),
    })
    .describe('Verify Apigee-issued OAuth access tokens'),
]);

export const apigeeSchema = z
  .strictObject({
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
        timeUnit: z.enum(APIGEE_TIME_UNITS).default('minute'),
      })
      .default({ limit: 1000, interval: 1, timeUnit: 'minute' }),
    spikeArrest: z
      .strictObject({ rate: z.string().regex(/^\d+p[sm]$/, 'a rate such as 100ps or 600pm') })
      .default({ rate: '100ps' }),
    proxyName: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,255}$/, 'an API proxy name of letters, digits, . _ and -')
      .optional()
      .describe('API proxy name; default <name>-<environment>'),
    targetServer: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,255}$/, 'a target server name of letters, digits, . _ and -')
      .optional()
      .describe('TargetServer pointing at the AWS side; default <proxy name>-aws'),
    keepRevisions: positiveInt
      .max(100)
      .optional()
      .describe('Revisions of the proxy to keep (default 5); older undeployed ones are deleted'),
    cors: z
      .strictObject({
        allowOrigins: z
          .array(z.url({ protocol: /^https?$/, error: 'an origin such as https://app.example.com' }))
          .min(1),
        maxAge: positiveInt.max(86400).default(3600).describe('Seconds a browser may cache a preflight'),
      })
      .optional()
      .describe('Answer CORS preflights and add CORS headers for these origins'),
    developerApp: z
      .strictObject({
        developerEmail: z.email(),
        appName: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,255}$/, 'an app name of letters, digits, . _ and -')
          .optional()
          .describe('Default <proxy name>-app'),
      })
      .optional()
      .describe('Create a developer (if missing) and an app with a key for the API product'),
  })
  .describe('Apigee X API proxy (JWT/OAuth, quota, spike arrest)');

export const apiSchema = z
  .strictObject({
    apigateway: apiGatewaySchema.optional(),
    apigee: apigeeSchema.optional(),
  })
  .describe('Front doors; each environment picks one with front');

export const tagsSchema = z
  .record(
    z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, 'an AWS tag key'),
    z.string().max(256),
  )
  .describe('Tags on every AWS resource mlship creates');
