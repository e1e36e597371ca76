import { confirm, input, select } from '@inquirer/prompts';
import { checkAnswer } from '@mlship/scaffold';
import { type Askers, askNumber, dflt, list, one, valid } from './ask-common.js';
import { instanceChoices } from './instance-choices.js';

/** Region, instances, autoscaling and cache. */
export const INFRA_ASKERS: Askers = {
  region: async (given, ctx) =>
    one(
      'region',
      await input({
        message: 'AWS region',
        default: dflt('region', given, ctx),
        validate: valid('region', given),
      }),
    ),
  instanceCount: (given, ctx) =>
    askNumber('instanceCount', 'SageMaker instance count (2+ recommended for production HA)', given, ctx),
  instanceType: async (given, ctx) => {
    const count = given.instanceCount ?? 1;
    const region = given.region ?? 'us-east-1';
    return one(
      'instanceType',
      await select({
        message: `SageMaker instance type (on-demand price in ${region})`,
        default: dflt('instanceType', given, ctx),
        choices: instanceChoices(region, count),
        pageSize: 12,
      }),
    );
  },
  volumeSize: (given, ctx) => askNumber('volumeSize', 'EBS volume size per instance (GB)', given, ctx),
  'autoscaling.enabled': async (given, ctx) =>
    one(
      'autoscaling.enabled',
      await confirm({
        message: 'Enable autoscaling?',
        default: Boolean(dflt('autoscaling.enabled', given, ctx)),
      }),
    ),
  'autoscaling.min': (given, ctx) =>
    askNumber('autoscaling.min', 'Autoscaling: minimum instances', given, ctx),
  'autoscaling.max': (given, ctx) =>
    askNumber('autoscaling.max', 'Autoscaling: maximum instances', given, ctx),
  'autoscaling.target': (given, ctx) =>
    askNumber('autoscaling.target', 'Autoscaling: target invocations per instance per minute', given, ctx),
  'cache.enabled': async (given, ctx) =>
    one(
      'cache.enabled',
      await confirm({
        message: 'Enable the Redis response cache?',
        default: Boolean(dflt('cache.enabled', given, ctx)),
      }),
    ),
  'cache.ttl': (given, ctx) => askNumber('cache.ttl', 'Cache TTL (seconds)', given, ctx),
  'cache.redisUrl': async (given) => {
    const source = await select({
      message: 'Redis for the cache',
      choices: [
        { value: 'url', name: 'use an existing Redis (URL)' },
        { value: 'provision', name: 'provision an ElastiCache Redis for me' },
      ],
    });
    if (source === 'provision') return { cache: { provision: true } };
    const url = await input({
      message: 'Redis URL (redis:// or rediss://)',
      validate: valid('cache.redisUrl', given),
    });
    return { cache: { redisUrl: url, provision: false } };
  },
  'cache.vpc': async () => {
    const subnets = await input({
      message: 'Subnets for ElastiCache (comma-separated subnet ids)',
      validate: (text) => checkAnswer('cache.vpc', { subnetIds: list(text), securityGroupIds: ['sg-0'] }),
    });
    const groups = await input({
      message: 'Security groups for ElastiCache (comma-separated sg ids)',
      validate: (text) =>
        checkAnswer('cache.vpc', { subnetIds: list(subnets), securityGroupIds: list(text) }),
    });
    return one('cache.vpc', { subnetIds: list(subnets), securityGroupIds: list(groups) });
  },
};
