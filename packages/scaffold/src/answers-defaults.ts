import {
  type EnvironmentName,
  frontOf,
  PLACEHOLDER_APIGEE_ORG,
  PLACEHOLDER_JWKS_URI,
  placeholderRoleArn,
} from './answers.js';
import { type AnswerPath, getPath, type PartialAnswers, setPath } from './answers-fields.js';

export const DEFAULT_ENVIRONMENTS: EnvironmentName[] = ['dev', 'staging', 'prod'];
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_TEAM = 'unassigned';

export interface DefaultsContext {
  /** AWS_REGION / AWS_DEFAULT_REGION, when set, becomes the default region. */
  env?: Record<string, string | undefined>;
  /** Whether the target directory lies inside a git work tree (the default for `git`). */
  insideGitTree?: boolean;
}

/** The default of one answer given what is already known; `undefined` when the answer has no default. */
export function defaultFor(path: AnswerPath, given: PartialAnswers, ctx: DefaultsContext = {}): unknown {
  switch (path) {
    case 'name':
      return undefined;
    case 'framework':
      return given.modelFile ? 'onnx' : 'custom';
    case 'modelFile':
      return undefined;
    case 'environments':
      return DEFAULT_ENVIRONMENTS;
    case 'fronts':
      return {};
    case 'apigee.organization':
      return PLACEHOLDER_APIGEE_ORG;
    case 'apigee.environments':
      return {};
    case 'apigee.jwksUri':
      return PLACEHOLDER_JWKS_URI;
    case 'instanceType':
      return 'ml.m5.large';
    case 'instanceCount':
      return 1;
    case 'volumeSize':
      return 30;
    case 'autoscaling.enabled': {
      const { min, max, target } = given.autoscaling ?? {};
      return min !== undefined || max !== undefined || target !== undefined;
    }
    case 'autoscaling.min':
      return Math.min(given.instanceCount ?? 1, 100);
    case 'autoscaling.max':
      return Math.max(4, given.autoscaling?.min ?? 1, given.instanceCount ?? 1);
    case 'autoscaling.target':
      return 100;
    case 'cache.enabled': {
      const { redisUrl, provision, vpc, ttl } = given.cache ?? {};
      return Boolean(redisUrl || provision || vpc || ttl !== undefined);
    }
    case 'cache.ttl':
      return 3600;
    case 'cache.redisUrl':
      return undefined;
    case 'cache.provision':
      return given.cache?.enabled === true && !given.cache?.redisUrl;
    case 'cache.vpc':
      return undefined;
    case 'region': {
      const fromEnv = ctx.env?.AWS_REGION ?? ctx.env?.AWS_DEFAULT_REGION;
      return fromEnv && /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(fromEnv) ? fromEnv : DEFAULT_REGION;
    }
    case 'team':
      return DEFAULT_TEAM;
    case 'tags':
      return {};
    case 'executionRoleArn':
      return placeholderRoleArn(given.region ?? DEFAULT_REGION);
    case 'git':
      return ctx.insideGitTree ?? false;
    case 'dir':
      return given.name ? `./${given.name}` : undefined;
  }
}

/** Whether an answer matters given the others (no model file for custom, no Redis URL when provisioning...). */
export function isRelevant(path: AnswerPath, given: PartialAnswers): boolean {
  if (path === 'modelFile') return given.framework !== 'custom';
  if (path.startsWith('apigee.')) {
    const envs = given.environments ?? [];
    return envs.some((env) => frontOf({ fronts: given.fronts ?? {} }, env) === 'apigee');
  }
  if (path.startsWith('autoscaling.') && path !== 'autoscaling.enabled')
    return given.autoscaling?.enabled === true;
  if (path.startsWith('cache.') && path !== 'cache.enabled') {
    if (given.cache?.enabled === false) return false;
    if (path === 'cache.redisUrl') return given.cache?.provision !== true;
    if (path === 'cache.provision') return !given.cache?.redisUrl;
    if (path === 'cache.vpc') return given.cache?.provision === true;
  }
  return true;
}

/**
 * Fills every gap that has a default, in dependency order (framework after modelFile, dir after name).
 * Apigee settings are filled only when an environment uses Apigee.
 */
export function applyDefaults(
  given: PartialAnswers,
  order: readonly AnswerPath[],
  ctx: DefaultsContext = {},
): PartialAnswers {
  let out = given;
  for (const path of order) {
    if (getPath(out, path) !== undefined) continue;
    if (path.startsWith('apigee.') && !isRelevant(path, out)) continue;
    const value = defaultFor(path, out, ctx);
    if (value !== undefined) out = setPath(out, path, value);
  }
  return out;
}

/** Drops answers that no longer matter (e.g. Apigee settings when no environment uses Apigee). */
export function pruneIrrelevant(given: PartialAnswers): PartialAnswers {
  const out: PartialAnswers = { ...given };
  if (!isRelevant('apigee.organization', given)) delete out.apigee;
  if (given.framework === 'custom') delete out.modelFile;
  if (given.cache?.enabled === false) {
    const { redisUrl: _url, vpc: _vpc, ...rest } = given.cache;
    out.cache = { ...rest, provision: false };
  } else if (given.cache && !given.cache.provision) {
    const { vpc: _vpc, ...rest } = given.cache;
    out.cache = rest;
  }
  return out;
}
