import type { CodeTable } from './types.js';

/** The command line itself: flags, interruption, the JSON log stream, errors it cannot classify. */
export const CLI_CODES = {
  INVALID_FLAG: {
    kind: 'user',
    exit: 2,
    meaning: 'a flag has a value the command cannot use; the message names the flag and what it expects',
    fix: 'correct the flag (mlship <command> --help lists them)',
  },
  INTERRUPTED: {
    kind: 'deploy',
    exit: 1,
    meaning: 'Ctrl-C while waiting; AWS continues the operation that was already started',
    fix: 'check it with mlship status; running mlship deploy again waits for it',
  },
  PROGRESS: {
    kind: 'notice',
    meaning: 'a progress line of --json output on stderr (state: start, update, succeed, fail)',
  },
  INTERNAL: {
    kind: 'internal',
    exit: 1,
    meaning: 'an unexpected error (a bug in mlship or a deployer)',
    fix: 'run again with --debug for the stack trace and report it',
  },
} satisfies CodeTable;
