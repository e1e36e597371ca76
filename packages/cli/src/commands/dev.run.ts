import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { MlshipError } from '@mlship/core';
import type { DevChain } from '@mlship/dev';
import type { DevFlags } from './dev.define.js';

/** Starts the local chain, prints where it listens, and stops everything it started on SIGINT or SIGTERM. */
export async function runDev(flags: DevFlags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new MlshipError(
      'INVALID_FLAG',
      `--port expects a port from 0 to 65535, got ${JSON.stringify(flags.port)}`,
      {
        hint: 'Pass --port 0 to pick a free one.',
      },
    );
  }
  if (flags.script !== undefined && flags.script !== 'dev' && flags.script !== 'start') {
    throw new MlshipError(
      'INVALID_FLAG',
      `--script expects dev or start, got ${JSON.stringify(flags.script)}`,
    );
  }
  const { startDev } = await loadDev();
  const apiKey = flags.apiKey
    ? process.env.MLSHIP_DEV_API_KEY || randomBytes(24).toString('base64url')
    : undefined;
  // Ctrl-C from the very start: during start-up it aborts and stops what was started; then it stops the chain.
  const stopped = new AbortController();
  const onSignal = () => stopped.abort(new Error('stopped by a signal'));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    let chain: DevChain;
    try {
      chain = await startDev({
        projectDir: resolve(flags.dir),
        port,
        ...(apiKey ? { apiKey } : {}),
        ...(flags.script ? { script: flags.script } : {}),
        onServerLine: (line) => out.write(`[server] ${line}\n`),
        onNotice: (code, text) => process.stderr.write(`Notice [${code}]: ${text}\n`),
        signal: stopped.signal,
      });
    } catch (error) {
      if (!stopped.signal.aborted) throw error;
      out.write('Stopped during start-up; nothing mlship dev started is left running.\n');
      return 0;
    }
    out.write(banner(chain, apiKey, Boolean(flags.showSecrets)));
    if (!stopped.signal.aborted) {
      await new Promise((done) => stopped.signal.addEventListener('abort', done, { once: true }));
    }
    out.write('Stopping…\n');
    await chain.stop();
    out.write('Stopped everything mlship dev started.\n');
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function loadDev(): Promise<typeof import('@mlship/dev')> {
  try {
    return await import('@mlship/dev');
  } catch (error) {
    if (!/Cannot find (module|package) '@mlship\/dev'/.test((error as Error).message)) throw error;
    throw new MlshipError('DEV_NOT_INSTALLED', '@mlship/dev, which runs the local chain, is not installed', {
      hint: 'Install it in the project: npm install --save-dev @mlship/dev (mlship init adds it).',
    });
  }
}

function banner(chain: DevChain, apiKey: string | undefined, showSecrets: boolean): string {
  const key =
    apiKey &&
    (showSecrets
      ? apiKey
      : `${apiKey.slice(0, 4)}…${apiKey.slice(-2)} (--show-secrets prints it; MLSHIP_DEV_API_KEY sets your own)`);
  const keyHeader = apiKey ? ` -H "x-api-key: ${showSecrets ? apiKey : '$MLSHIP_DEV_API_KEY'}"` : '';
  return [
    '',
    `mlship dev is up (Ctrl-C stops everything it started)`,
    `  front (API Gateway stand-in) ${chain.frontUrl}  POST /predict, /predict/batch, /invocations`,
    `  inference server             ${chain.serverUrl}`,
    `  cache                        ${chain.cache.description}`,
    ...(key ? [`  API key (x-api-key)          ${key}`] : []),
    `  processes started            ${chain.pids.join(', ')} (each with its own process group)`,
    '',
    'Try it (the second call answers from the cache: x-cache: HIT):',
    `  curl -i -X POST ${chain.frontUrl}/predict -H 'content-type: application/json'${keyHeader} -d '${chain.sample}'`,
    '',
  ].join('\n');
}
