import type { InitAnswers } from './answers.js';

/** What the user gave so far: any subset of the answers, nested objects partial too. */
export type PartialAnswers = Partial<Omit<InitAnswers, 'autoscaling' | 'cache' | 'apigee'>> & {
  autoscaling?: Partial<InitAnswers['autoscaling']>;
  cache?: Partial<InitAnswers['cache']>;
  apigee?: Partial<NonNullable<InitAnswers['apigee']>>;
};

/** Every answer by its dotted path, with the flag that sets it (shown in "missing" and validation errors). */
export const ANSWER_FLAGS = {
  name: '<model>',
  framework: '--framework <onnx|custom>',
  modelFile: '--model-file <path.onnx>',
  environments: '--envs <dev,qa,staging,prod>',
  fronts: '--front <env=apigateway|apigee|none,...>',
  'apigee.organization': '--apigee-org <org>',
  'apigee.environments': '--apigee-env <name | env=name,...>',
  'apigee.jwksUri': '--jwks-uri <https-url>',
  region: '--region <aws-region>',
  instanceCount: '--instance-count <n>',
  instanceType: '--instance-type <ml.type>',
  volumeSize: '--volume-size <GB>',
  'autoscaling.enabled': '--autoscaling | --no-autoscaling',
  'autoscaling.min': '--min-instances <n>',
  'autoscaling.max': '--max-instances <n>',
  'autoscaling.target': '--target-invocations <n>',
  'cache.enabled': '--cache | --no-cache',
  'cache.ttl': '--cache-ttl <seconds>',
  'cache.redisUrl': '--redis-url <redis://...>',
  'cache.provision': '--provision-redis',
  'cache.vpc': '--cache-subnets <subnet-id,...> --cache-security-groups <sg-id,...>',
  team: '--team <name>',
  tags: '--tag <key=value> (repeatable)',
  executionRoleArn: '--role-arn <arn>',
  git: '--git | --no-git',
  dir: '--dir <path>',
} as const;

export type AnswerPath = keyof typeof ANSWER_FLAGS;

/** The flag for a validation issue's path (`['autoscaling','min']`, `['fronts','prod']`, `['tags','x']`). */
export function flagForPath(path: readonly PropertyKey[]): string {
  for (let n = path.length; n > 0; n--) {
    const key = path.slice(0, n).map(String).join('.');
    if (key in ANSWER_FLAGS) return ANSWER_FLAGS[key as AnswerPath];
  }
  const top = String(path[0] ?? '');
  if (top === 'apigee') return '--apigee-org, --apigee-env, --jwks-uri';
  return top;
}

export function getPath(answers: PartialAnswers, path: AnswerPath): unknown {
  let value: unknown = answers;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function setPath(answers: PartialAnswers, path: AnswerPath, value: unknown): PartialAnswers {
  const [head, tail] = path.split('.') as [string, string | undefined];
  const copy = { ...answers } as Record<string, unknown>;
  if (tail === undefined) copy[head] = value;
  else copy[head] = { ...((copy[head] as object | undefined) ?? {}), [tail]: value };
  return copy as PartialAnswers;
}

/** Later sources win; nested answer groups and the `fronts`/`tags` records merge key by key. */
export function mergeAnswers(...sources: PartialAnswers[]): PartialAnswers {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (value === undefined) continue;
      const previous = out[key] as Record<string, unknown> | undefined;
      if (!['autoscaling', 'cache', 'apigee', 'fronts', 'tags'].includes(key)) out[key] = value;
      else if (
        key === 'apigee' &&
        previous?.environments &&
        (value as Record<string, unknown>).environments
      ) {
        const environments = {
          ...(previous.environments as object),
          ...(value as { environments: object }).environments,
        };
        out[key] = { ...previous, ...(value as object), environments };
      } else out[key] = { ...(previous ?? {}), ...(value as object) };
    }
  }
  return out as PartialAnswers;
}
