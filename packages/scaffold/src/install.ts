import { spawn } from 'node:child_process';
import { MlshipError } from '@mlship/core/base';

const ARGS = ['install', '--no-audit', '--no-fund'];

function failed(dir: string, why: string, output = ''): MlshipError {
  const tail = output.trim().split('\n').slice(-15).join('\n');
  return new MlshipError('INIT_INSTALL_FAILED', `npm install in ${dir} ${why}${tail ? `:\n${tail}` : ''}`, {
    kind: 'deploy',
    hint: `The project is written; fix the cause, then run npm install in ${dir} (it writes package-lock.json).`,
  });
}

/**
 * `npm install` in the new project, which resolves every dependency and writes package-lock.json, so CI and the
 * Docker build can use `npm ci`. The npm on PATH is used, as the user would.
 */
export function npmInstall(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ARGS, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(failed(dir, error.code === 'ENOENT' ? 'could not start: npm is not on PATH' : error.message)),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(failed(dir, `failed (exit ${code})`, output)),
    );
  });
}
