import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MlshipError } from '@mlship/core';
import { freePort, type Started, startProcess, waitUntil } from './processes.js';

export interface InferenceServer {
  url: string;
  process: Started;
  /** The npm script that runs it (`dev` runs the TypeScript source, `start` the build). */
  script: string;
}

/** The project's own inference server through its npm script, on a free loopback port, ready once /ping says 200. */
export async function startInferenceServer(options: {
  projectDir: string;
  script?: 'dev' | 'start';
  env: NodeJS.ProcessEnv;
  onLine: (line: string) => void;
  readyTimeoutMs: number;
  signal?: AbortSignal;
  onProcess?: (name: string, pid: number) => void;
}): Promise<InferenceServer> {
  const script = pickScript(options.projectDir, options.script);
  const port = await freePort();
  const started = startProcess('the inference server', 'npm', ['run', '--silent', script], {
    cwd: options.projectDir,
    env: {
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // debug logs one line per request, so each inference the server runs shows in its log
      LOG_LEVEL: options.env.LOG_LEVEL || 'debug',
    },
    onLine: options.onLine,
  });
  options.onProcess?.('inference server', started.pid);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      'its model loaded (GET /ping 200)',
      async () => (await fetch(`${url}/ping`, { signal: AbortSignal.timeout(2000) })).status === 200,
      started,
      options.readyTimeoutMs,
      options.signal,
    );
  } catch (error) {
    await started.stop();
    if (options.signal?.aborted) throw error;
    throw new MlshipError(
      'DEV_SERVER_FAILED',
      `The inference server did not start: ${(error as Error).message}`,
      {
        hint: `Run \`npm run ${script}\` in ${options.projectDir} to see why (its log is above).`,
      },
    );
  }
  return { url, process: started, script };
}

function pickScript(projectDir: string, wanted: 'dev' | 'start' | undefined): string {
  const file = join(projectDir, 'package.json');
  if (!existsSync(file) || !existsSync(join(projectDir, 'release.yaml'))) {
    throw new MlshipError(
      'DEV_NOT_A_PROJECT',
      `${projectDir} is not an mlship project (it needs package.json and release.yaml)`,
      { hint: 'Run mlship dev in a project made by `mlship init`, or pass --dir <project>.' },
    );
  }
  const scripts =
    (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const script = wanted ?? (scripts.dev ? 'dev' : 'start');
  if (!scripts[script]) {
    throw new MlshipError(
      'DEV_NO_SERVER_SCRIPT',
      `${file} has no "${script}" script to run the inference server`,
      {
        hint: 'Add "dev": "tsx src/serve.ts serve" (as mlship init writes it) to its scripts.',
      },
    );
  }
  if (!existsSync(join(projectDir, 'node_modules'))) {
    throw new MlshipError('DEV_NOT_INSTALLED', `${projectDir} has no node_modules`, {
      hint: 'Run npm install in the project first.',
    });
  }
  return script;
}
