import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports.js';

const example = join(import.meta.dirname, '..', '..', '..', '..', 'examples', 'iris-onnx');

/** examples/iris-onnx started with its Dockerfile's ENTRYPOINT + CMD, as a SageMaker container would be. */
export async function startIrisServer(): Promise<{ url: string; stop(): void }> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: example,
  });
  const dockerfile = readFileSync(join(example, 'Dockerfile'), 'utf8');
  const exec = (instruction: string) => {
    const line = dockerfile.match(new RegExp(`^${instruction} (\\[.*\\])$`, 'm'));
    if (!line?.[1]) throw new Error(`Dockerfile has no exec-form ${instruction}`);
    return JSON.parse(line[1]) as string[];
  };
  const [, ...args] = [...exec('ENTRYPOINT'), ...exec('CMD')];
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, args, {
    cwd: example,
    env: { ...process.env, SAGEMAKER_BIND_TO_PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready for traffic')) resolve();
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => reject(new Error(`iris-onnx exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      if (server.exitCode === null) server.kill('SIGKILL');
    },
  };
}
