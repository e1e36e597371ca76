import { loadRelease } from '../config/load.js';
import { formatProblem } from '../config/problems.js';
import type { ResolvedConfig } from '../config/schema.js';
import { userError } from '../errors.js';
import type { IoHost } from '../io/io-host.js';

/**
 * Loads release.yaml and returns one environment, printing the loader's warnings. Placeholders left by init are
 * warnings, or an error where a command would send them to AWS (`deploy`).
 */
export async function loadEnvironment(
  file: string,
  env: string,
  host: IoHost,
  placeholders: 'warn' | 'error' = 'warn',
): Promise<ResolvedConfig> {
  const { environments, warnings } = await loadRelease(file, { env, placeholders });
  for (const warning of warnings) {
    host.notify({ level: 'warn', message: formatProblem(warning), code: 'CONFIG_WARNING', data: warning });
  }
  const resolved = environments.find((candidate) => candidate.env === env);
  if (!resolved) {
    throw userError('UNKNOWN_ENV', `${file} has no environment "${env}".`, 'Add it under `environments:`.');
  }
  return resolved;
}
