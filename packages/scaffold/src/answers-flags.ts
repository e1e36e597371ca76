import { FRONT_DOORS, MlshipError } from '@mlship/core/base';
import { ENVIRONMENTS, type EnvironmentName, type FrontDoorChoice } from './answers.js';
import type { PartialAnswers } from './answers-fields.js';

/** The flags of `mlship init` as commander hands them over (strings; booleans for --x/--no-x pairs). */
export interface InitFlags {
  framework?: string;
  modelFile?: string;
  envs?: string;
  front?: string;
  instanceType?: string;
  instanceCount?: string;
  volumeSize?: string;
  autoscaling?: boolean;
  minInstances?: string;
  maxInstances?: string;
  targetInvocations?: string;
  cache?: boolean;
  cacheTtl?: string;
  redisUrl?: string;
  provisionRedis?: boolean;
  cacheSubnets?: string;
  cacheSecurityGroups?: string;
  region?: string;
  team?: string;
  tag?: string[];
  roleArn?: string;
  apigeeOrg?: string;
  apigeeEnv?: string;
  jwksUri?: string;
  git?: boolean;
  dir?: string;
}

function flagError(flag: string, value: string, expected: string, hint?: string): MlshipError {
  return new MlshipError('INIT_FLAG_INVALID', `${flag} ${JSON.stringify(value)}: expected ${expected}.`, {
    hint: hint ?? `Run mlship init --help for every flag.`,
  });
}

export function parseIntFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw flagError(flag, value, 'a whole number');
  return Number(value.trim());
}

function parseEnv(flag: string, value: string, raw: string): EnvironmentName {
  const env = value.trim() as EnvironmentName;
  if (!ENVIRONMENTS.includes(env))
    throw flagError(flag, raw, `environments among ${ENVIRONMENTS.join(', ')}`);
  return env;
}

export function parseEnvList(flag: string, value: string | undefined): EnvironmentName[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw flagError(flag, value, `a comma-separated list of ${ENVIRONMENTS.join(', ')}`);
  const envs = list.map((e) => parseEnv(flag, e, value));
  return ENVIRONMENTS.filter((e) => envs.includes(e));
}

/** `dev=apigateway,prod=apigee` → `{ dev: 'apigateway', prod: 'apigee' }`. */
export function parseFronts(
  flag: string,
  value: string | undefined,
): Record<string, FrontDoorChoice> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, FrontDoorChoice> = {};
  for (const pair of value.split(',').filter((s) => s.trim())) {
    const [env, front, extra] = pair.split('=').map((s) => s.trim());
    if (!env || !front || extra !== undefined) {
      throw flagError(flag, value, 'env=front pairs such as dev=apigateway,prod=apigee');
    }
    if (!FRONT_DOORS.includes(front as FrontDoorChoice)) {
      throw flagError(flag, value, `a front door among ${FRONT_DOORS.join(', ')} (got ${front})`);
    }
    out[parseEnv(flag, env, value)] = front as FrontDoorChoice;
  }
  return out;
}

/** One Apigee environment for all (`--apigee-env eval`) or one per mlship environment (`staging=stg,prod=prod`). */
export function parseApigeeEnvs(
  value: string | undefined,
  environments: readonly EnvironmentName[],
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!value.includes('=')) return Object.fromEntries(environments.map((env) => [env, value.trim()]));
  const out: Record<string, string> = {};
  for (const pair of value.split(',').filter((s) => s.trim())) {
    const [env, name, extra] = pair.split('=').map((s) => s.trim());
    if (!env || !name || extra !== undefined) {
      throw flagError(
        '--apigee-env',
        value,
        'one Apigee environment name, or env=name pairs such as prod=prod-1',
      );
    }
    out[parseEnv('--apigee-env', env, value)] = name;
  }
  return out;
}

/** `--tag k=v` (repeatable) → a tag record. */
export function parseTags(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const raw of values) {
    const at = raw.indexOf('=');
    if (at <= 0) throw flagError('--tag', raw, 'key=value, e.g. --tag cost-center=1234');
    out[raw.slice(0, at).trim()] = raw.slice(at + 1).trim();
  }
  return out;
}

const ALL_ENVS = [...ENVIRONMENTS];

/** Turns flags into partial answers; shapes are checked here, values by the answers schema later. */
export function answersFromFlags(flags: InitFlags): PartialAnswers {
  const environments = parseEnvList('--envs', flags.envs);
  const apigeeEnvs = parseApigeeEnvs(flags.apigeeEnv, environments ?? ALL_ENVS);
  const apigee = { organization: flags.apigeeOrg, environments: apigeeEnvs, jwksUri: flags.jwksUri };
  const partial: PartialAnswers = {
    framework: flags.framework as PartialAnswers['framework'],
    modelFile: flags.modelFile,
    environments,
    fronts: parseFronts('--front', flags.front),
    instanceType: flags.instanceType,
    instanceCount: parseIntFlag('--instance-count', flags.instanceCount),
    volumeSize: parseIntFlag('--volume-size', flags.volumeSize),
    autoscaling: {
      enabled: flags.autoscaling,
      min: parseIntFlag('--min-instances', flags.minInstances),
      max: parseIntFlag('--max-instances', flags.maxInstances),
      target: parseIntFlag('--target-invocations', flags.targetInvocations),
    },
    cache: {
      enabled: flags.cache,
      ttl: parseIntFlag('--cache-ttl', flags.cacheTtl),
      redisUrl: flags.redisUrl,
      provision: flags.provisionRedis,
      vpc: cacheVpc(flags),
    },
    region: flags.region,
    team: flags.team,
    tags: parseTags(flags.tag),
    executionRoleArn: flags.roleArn,
    git: flags.git,
    dir: flags.dir,
  };
  if (Object.values(apigee).some((v) => v !== undefined)) partial.apigee = apigee;
  return compact(partial);
}

function cacheVpc(flags: InitFlags): { subnetIds: string[]; securityGroupIds: string[] } | undefined {
  if (flags.cacheSubnets === undefined && flags.cacheSecurityGroups === undefined) return undefined;
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return { subnetIds: list(flags.cacheSubnets), securityGroupIds: list(flags.cacheSecurityGroups) };
}

/** Removes undefined leaves and groups left empty, so that merging never overwrites a value with nothing. */
export function compact(answers: PartialAnswers): PartialAnswers {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'fronts' && key !== 'tags') {
      const inner = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else {
      out[key] = value;
    }
  }
  return out as PartialAnswers;
}
