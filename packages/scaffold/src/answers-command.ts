import { defaultFront, type InitAnswers } from './answers.js';
import { applyDefaults, type DefaultsContext, pruneIrrelevant } from './answers-defaults.js';
import { ANSWER_FLAGS, type AnswerPath, type PartialAnswers } from './answers-fields.js';
import { shellWord } from './helpers.js';
import { withoutRedisPassword } from './redis-secret.js';

/** The one-line, non-interactive command that reproduces these answers (printed after an interactive run). */
export function equivalentCommand(answers: InitAnswers): string {
  const args: string[] = ['npx', 'mlship', 'init', answers.name, '--framework', answers.framework];
  if (answers.modelFile) args.push('--model-file', answers.modelFile);
  args.push('--envs', answers.environments.join(','));
  const fronts = answers.environments
    .filter((env) => answers.fronts[env] !== undefined && answers.fronts[env] !== defaultFront(env))
    .map((env) => `${env}=${answers.fronts[env]}`);
  if (fronts.length > 0) args.push('--front', fronts.join(','));
  if (answers.apigee) {
    args.push('--apigee-org', answers.apigee.organization);
    const envs = Object.entries(answers.apigee.environments).filter(([env, name]) => env !== name);
    if (envs.length > 0) args.push('--apigee-env', envs.map(([env, name]) => `${env}=${name}`).join(','));
    args.push('--jwks-uri', answers.apigee.jwksUri);
  }
  args.push('--region', answers.region);
  args.push('--instance-type', answers.instanceType, '--instance-count', String(answers.instanceCount));
  args.push('--volume-size', String(answers.volumeSize));
  const { enabled, min, max, target } = answers.autoscaling;
  args.push(enabled ? '--autoscaling' : '--no-autoscaling', '--min-instances', String(min));
  args.push('--max-instances', String(max), '--target-invocations', String(target));
  if (answers.cache.enabled) {
    args.push('--cache');
    const { redisUrl } = withoutRedisPassword(answers).answers.cache;
    if (redisUrl) args.push('--redis-url', redisUrl);
    if (answers.cache.provision) args.push('--provision-redis');
    if (answers.cache.vpc) {
      args.push('--cache-subnets', answers.cache.vpc.subnetIds.join(','));
      args.push('--cache-security-groups', answers.cache.vpc.securityGroupIds.join(','));
    }
  } else {
    args.push('--no-cache');
  }
  args.push('--cache-ttl', String(answers.cache.ttl));
  args.push('--team', answers.team);
  for (const [key, value] of Object.entries(answers.tags)) args.push('--tag', `${key}=${value}`);
  args.push('--role-arn', answers.executionRoleArn);
  args.push(answers.git ? '--git' : '--no-git');
  if (answers.dir !== `./${answers.name}`) args.push('--dir', answers.dir);
  args.push('--yes');
  return args.map((arg, i) => (i < 3 ? arg : shellWord(arg))).join(' ');
}

/**
 * The command for answers that failed the final check, so nothing typed is lost: defaults fill the gaps, and the
 * invalid values are kept as typed (the command fails the same way until they are fixed).
 */
export function partialCommand(given: PartialAnswers, ctx: DefaultsContext = {}): string {
  const filled = pruneIrrelevant(
    applyDefaults(given, Object.keys(ANSWER_FLAGS) as AnswerPath[], ctx),
  ) as InitAnswers;
  return equivalentCommand({ ...filled, fronts: filled.fronts ?? {}, tags: filled.tags ?? {} });
}
