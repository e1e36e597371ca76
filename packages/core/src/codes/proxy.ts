import type { CodeTable } from './types.js';

/** Log codes of the Lambda proxy handler: lines in the function's CloudWatch log, never an exit of the CLI. */
export const PROXY_CODES = {
  PROXY_REDIS_UNAVAILABLE: {
    kind: 'notice',
    meaning:
      'Redis failed or timed out; the proxy serves uncached (x-cache: BYPASS) for REDIS_COOLDOWN_MS, then tries again.',
    fix: 'Check the cache (`mlship status`), the function’s VPC subnets and security groups, and TLS (rediss://) for ElastiCache Serverless.',
  },
  PROXY_REDIS_RECOVERED: {
    kind: 'notice',
    meaning: 'Redis answers again after an outage; responses are cached again.',
  },
  PROXY_REDIS_URL_INVALID: {
    kind: 'notice',
    meaning: 'REDIS_URL is not a redis:// or rediss:// URL; the proxy runs without a cache.',
    fix: 'Fix cache.redisUrl in release.yaml and deploy again.',
  },
  PROXY_INVOKE_FAILED: {
    kind: 'notice',
    meaning: 'InvokeEndpoint failed in a way no status maps (e.g. credentials); the client got a 500.',
    fix: 'Check the function’s execution role (sagemaker:InvokeEndpoint on the endpoint) and its log.',
  },
  PROXY_INTERNAL_ERROR: {
    kind: 'notice',
    meaning: 'An unexpected error in the proxy handler; the client got a 500.',
    fix: 'Report it with the log line; the request id is in the line.',
  },
} satisfies CodeTable;
