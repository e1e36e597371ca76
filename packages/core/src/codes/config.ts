import type { CodeTable } from './types.js';

/** release.yaml: reading, checking and resolving it (`validate`, and every command that loads it). */
export const CONFIG_CODES = {
  CONFIG_NOT_FOUND: {
    kind: 'user',
    exit: 2,
    meaning: 'the release file does not exist',
    fix: 'run in the project directory, pass --file <path>, or create one with mlship init',
  },
  CONFIG_UNREADABLE: {
    kind: 'user',
    exit: 2,
    meaning: 'the release file cannot be read (a directory, no permission, a bad path)',
    fix: 'pass the path of a readable release.yaml',
  },
  CONFIG_TOO_LARGE: {
    kind: 'user',
    exit: 2,
    meaning: 'the release file is over 1 MiB, far larger than any release file',
    fix: 'check that --file points at release.yaml',
  },
  CONFIG_ENCODING: {
    kind: 'user',
    exit: 2,
    meaning: 'the release file is UTF-16, binary or not valid UTF-8',
    fix: 'save it as UTF-8 text',
  },
  CONFIG_INVALID: {
    kind: 'user',
    exit: 2,
    meaning: 'the release file has errors; each is listed as file:line:col path: message (the first 50)',
    fix: 'fix the listed lines; mlship validate checks again',
  },
  CONFIG_PLACEHOLDER: {
    kind: 'user',
    exit: 2,
    meaning:
      'the release file still holds a placeholder mlship init wrote (execution role, Apigee organization, JWKS URL, issuer); a warning in validate, an error in deploy',
    fix: 'replace the named values with real ones',
  },
  CONFIG_WARNING: {
    kind: 'notice',
    meaning: 'a doubtful setting in the release file (printed by deploy and validate)',
  },
  CONFIG_REDIS_PASSWORD_LITERAL: {
    kind: 'notice',
    meaning:
      'a warning of validate: cache.redisUrl holds a literal password, which is committed with the release file',
    fix: `write \${REDIS_PASSWORD} in its place and set REDIS_PASSWORD in the CI context of the environment (mlship-<env>)`,
  },
  ENV_NOT_FOUND: {
    kind: 'user',
    exit: 2,
    meaning: 'the environment named by --env is not defined in the release file',
    fix: 'pick one of the defined environments or add it under environments:',
  },
} satisfies CodeTable;
