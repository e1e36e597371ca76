import { existsSync, statSync } from 'node:fs';
import { checkbox, confirm, input, number, select } from '@inquirer/prompts';
import {
  ANSWER_ORDER,
  type AnswerPath,
  checkAnswer,
  type DefaultsContext,
  defaultFor,
  defaultFront,
  ENVIRONMENTS,
  type EnvironmentName,
  featureBranch,
  getPath,
  isMissing,
  mergeAnswers,
  type PartialAnswers,
  parseTags,
  setPath,
} from '@mlship/scaffold';
import { instanceChoices } from './instance-choices.js';

type Ask = (given: PartialAnswers, ctx: DefaultsContext) => Promise<PartialAnswers>;

const valid = (path: AnswerPath) => (value: unknown) => checkAnswer(path, value);
const one = (path: AnswerPath, value: unknown): PartialAnswers => setPath({}, path, value);
const dflt = <T>(path: AnswerPath, given: PartialAnswers, ctx: DefaultsContext) =>
  defaultFor(path, given, ctx) as T | undefined;

async function askNumber(path: AnswerPath, message: string, given: PartialAnswers, ctx: DefaultsContext) {
  const value = await number({
    message,
    default: dflt<number>(path, given, ctx),
    required: true,
    validate: (n) => (n === undefined ? 'a number is required' : checkAnswer(path, n)),
  });
  return one(path, value);
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** One prompt (or a small group) per answer; each returns the answers it settles. */
const ASKERS: Partial<Record<AnswerPath, Ask>> = {
  name: async () => one('name', await input({ message: 'Model name', validate: valid('name') })),
  framework: async (given, ctx) =>
    one(
      'framework',
      await select({
        message: 'Model framework',
        default: dflt('framework', given, ctx),
        choices: [
          {
            value: 'onnx',
            name: 'onnx',
            description: 'an exported .onnx model, served with onnxruntime-node',
          },
          { value: 'custom', name: 'custom', description: 'a predict() function you write in TypeScript' },
        ],
      }),
    ),
  modelFile: async () =>
    one(
      'modelFile',
      await input({
        message: 'Path to the .onnx model file',
        validate: (path) => {
          if (!path.toLowerCase().endsWith('.onnx')) return 'a file ending in .onnx';
          return existsSync(path) && statSync(path).isFile() ? true : `no such file: ${path}`;
        },
      }),
    ),
  environments: async (given, ctx) => {
    const defaults = dflt<EnvironmentName[]>('environments', given, ctx) ?? [];
    const picked = await checkbox({
      message: 'Environments to create',
      choices: ENVIRONMENTS.map((env) => ({ value: env, name: env, checked: defaults.includes(env) })),
      validate: (items) => (items.length > 0 ? true : 'choose at least one environment'),
    });
    return one('environments', picked);
  },
  fronts: async (given) => {
    const fronts: Record<string, string> = {};
    for (const env of given.environments ?? []) {
      fronts[env] = await select({
        message: `API front door for ${env}`,
        default: defaultFront(env),
        choices: [
          {
            value: 'apigateway',
            name: 'apigateway',
            description: 'API Gateway with a Cognito authorizer and an API key',
          },
          {
            value: 'apigee',
            name: 'apigee',
            description: 'Apigee X proxy: JWT verification, quota, spike arrest',
          },
          { value: 'none', name: 'none', description: 'no front door: the Lambda proxy only' },
        ],
      });
    }
    return { fronts } as PartialAnswers;
  },
  'apigee.organization': async (given, ctx) =>
    one(
      'apigee.organization',
      await input({
        message: 'Apigee organization',
        default: dflt('apigee.organization', given, ctx),
        validate: valid('apigee.organization'),
      }),
    ),
  'apigee.environments': async (given) => {
    const environments: Record<string, string> = {};
    for (const env of given.environments ?? []) {
      if ((given.fronts?.[env] ?? defaultFront(env)) !== 'apigee') continue;
      environments[env] = await input({
        message: `Apigee environment for ${env}`,
        default: env,
        validate: (name) => checkAnswer('apigee.environments', { [env]: name }),
      });
    }
    return one('apigee.environments', environments);
  },
  'apigee.jwksUri': async (given, ctx) =>
    one(
      'apigee.jwksUri',
      await input({
        message: 'JWKS URL of your auth service',
        default: dflt('apigee.jwksUri', given, ctx),
        validate: valid('apigee.jwksUri'),
      }),
    ),
  region: async (given, ctx) =>
    one(
      'region',
      await input({ message: 'AWS region', default: dflt('region', given, ctx), validate: valid('region') }),
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
  'cache.redisUrl': async () => {
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
      validate: valid('cache.redisUrl'),
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
  team: async (given, ctx) =>
    one(
      'team',
      await input({
        message: 'Team tag (cost tracking)',
        default: dflt('team', given, ctx),
        validate: valid('team'),
      }),
    ),
  tags: async () => {
    const text = await input({
      message: 'Extra tags (key=value, comma-separated; empty for none)',
      validate: (value) => {
        try {
          return checkAnswer('tags', parseTags(list(value)) ?? {});
        } catch (error) {
          return (error as Error).message;
        }
      },
    });
    return one('tags', parseTags(list(text)) ?? {});
  },
  executionRoleArn: async (given, ctx) =>
    one(
      'executionRoleArn',
      await input({
        message: 'SageMaker execution role ARN (keep the placeholder to set it later in release.yaml)',
        default: dflt('executionRoleArn', given, ctx),
        validate: valid('executionRoleArn'),
      }),
    ),
  git: async (given, ctx) =>
    one(
      'git',
      await confirm({
        message: `Create the git branch ${featureBranch(given.name ?? '<model>')} and commit the scaffold?`,
        default: Boolean(dflt('git', given, ctx)),
      }),
    ),
};

/**
 * Prompts for the gaps, in order, re-checking after each answer which ones still matter.
 * `only` limits the prompts to those answers (with --yes: the ones that have no default).
 */
export async function askForGaps(
  given: PartialAnswers,
  ctx: DefaultsContext,
  only?: readonly AnswerPath[],
): Promise<PartialAnswers> {
  let answers = given;
  for (const path of ANSWER_ORDER) {
    if (only && !only.includes(path)) continue;
    const ask = ASKERS[path];
    if (!ask || !isMissing(answers, path) || getPath(answers, path) !== undefined) continue;
    answers = mergeAnswers(answers, await ask(answers, ctx));
  }
  return answers;
}
