import type { CodeTable } from './types.js';

/** `mlship dev`: the deployed chain (front → Lambda proxy + cache → server) on one machine. */
export const DEV_CODES = {
  DEV_NOT_A_PROJECT: {
    kind: 'user',
    exit: 2,
    meaning: 'mlship dev was run outside a generated project (no package.json and release.yaml there)',
    fix: 'run it in a project made by mlship init, or pass --dir <project>',
  },
  DEV_NOT_INSTALLED: {
    kind: 'user',
    exit: 2,
    meaning: 'the project has no node_modules, or @mlship/dev (what mlship dev runs) is not installed',
    fix: 'run npm install in the project (npm install --save-dev @mlship/dev when it is missing from package.json)',
  },
  DEV_NO_SERVER_SCRIPT: {
    kind: 'user',
    exit: 2,
    meaning: 'the project package.json has no "dev" or "start" script to run the inference server',
    fix: 'add "dev": "tsx src/serve.ts serve" to its scripts, as mlship init writes it',
  },
  DEV_SERVER_FAILED: {
    kind: 'user',
    exit: 2,
    meaning:
      'the inference server exited or did not answer GET /ping with 200 in time; everything started was stopped',
    fix: 'run npm run dev in the project to see its error (its log is printed above)',
  },
  DEV_PORT_IN_USE: {
    kind: 'user',
    exit: 2,
    meaning: 'the port of the local front (--port, default 3000) is taken',
    fix: 'pass another with --port <n> (0 picks a free one)',
  },
  DEV_NO_REDIS: {
    kind: 'notice',
    meaning: ' neither REDIS_URL nor a redis-server on PATH; answers are cached in memory instead',
    fix: 'install Redis (apt-get install redis-server, brew install redis) or set REDIS_URL',
  },
} satisfies CodeTable;
