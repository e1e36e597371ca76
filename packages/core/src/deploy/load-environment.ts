import type { ResolvedConfig } from '../config/schema.js';
import { MlshipError, userError } from '../errors.js';
import type { IoHost } from '../io/io-host.js';

interface WarningLike {
  message: string;
  code?: string;
}
type LoadRelease = (
  file: string,
  opts?: { env?: string },
) => Promise<{ environments: ResolvedConfig[]; warnings: WarningLike[] }>;

/** Loads release.yaml and returns one environment, printing the loader's warnings. */
export async function loadEnvironment(file: string, env: string, host: IoHost): Promise<ResolvedConfig> {
  // Imported through the package root so this module does not depend on the loader's file layout.
  const core = (await import('../index.js')) as unknown as { loadRelease?: LoadRelease };
  if (typeof core.loadRelease !== 'function') {
    throw new MlshipError('INTERNAL', 'The release.yaml loader is missing from @mlship/core.', {
      kind: 'internal',
    });
  }
  const { environments, warnings } = await core.loadRelease(file, { env });
  for (const warning of warnings) {
    host.notify({ level: 'warn', message: warning.message, code: warning.code ?? 'CONFIG_WARNING' });
  }
  const resolved = environments.find((candidate) => candidate.env === env);
  if (!resolved) {
    throw userError('UNKNOWN_ENV', `${file} has no environment "${env}".`, 'Add it under `environments:`.');
  }
  return resolved;
}
