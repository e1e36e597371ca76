import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface DockerOptions {
  /** Another docker client binary (e.g. one that builds with BuildKit). */
  client?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs a docker command against the test engine; fails with the command, its stderr and stdout. */
export function dockerClient(engineEnv: NodeJS.ProcessEnv) {
  return async function docker(args: string[], options: DockerOptions = {}): Promise<string> {
    try {
      const { stdout } = await exec(options.client ?? 'docker', args, {
        env: { ...engineEnv, ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 600_000,
      });
      return stdout.trim();
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      const tail = (text = '') => text.split('\n').slice(-40).join('\n');
      throw new Error(
        `docker ${args.join(' ')} failed:\n${tail(failed.stderr) || failed.message}\n${tail(failed.stdout)}`,
      );
    }
  };
}

export type Docker = ReturnType<typeof dockerClient>;

export async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  return docker(['image', 'inspect', '--format', '{{.Id}}', tag]).then(
    () => true,
    () => false,
  );
}

export async function imageSizeBytes(docker: Docker, tag: string): Promise<number> {
  return Number(await docker(['image', 'inspect', '--format', '{{.Size}}', tag]));
}
