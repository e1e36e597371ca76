import {
  formatProblem,
  loadRelease,
  missingDeployerWarnings,
  renderResolvedText,
  resolvedJson,
} from '@mlship/core/config';
import type { ValidateFlags } from './validate.define.js';

export interface CommandOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const processOutput: CommandOutput = { stdout: process.stdout, stderr: process.stderr };

/** `rediss://app:pw@host` → `rediss://app:****@host` in every string of the settings (a Redis URL holds its password). */
function maskUrlPasswords<T>(value: T): T {
  if (typeof value === 'string')
    return value.replace(/^([a-z][\w+.-]*:\/\/[^:@/\s]*):[^@/\s]+@/i, '$1:****@') as T;
  if (Array.isArray(value)) return value.map(maskUrlPasswords) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskUrlPasswords(v)])) as T;
  return value;
}

/** Prints the resolved settings (text or JSON) and the warnings; errors are thrown as CONFIG_INVALID (exit 2). */
export async function runValidate(
  flags: ValidateFlags,
  output: CommandOutput = processOutput,
): Promise<number> {
  const loaded = await loadRelease(flags.file, {
    ...(flags.env === undefined ? {} : { env: flags.env }),
    ...(flags.fileGiven === undefined ? {} : { fileGiven: flags.fileGiven }),
  });
  const { warnings } = loaded;
  const environments = loaded.environments.map((resolved) => ({
    ...resolved,
    config: maskUrlPasswords(resolved.config),
  }));
  // With --json, stderr carries one JSON object per line, as every other command's log does.
  const warn = (message: string, code: string, data?: unknown) =>
    output.stderr.write(
      flags.json
        ? `${JSON.stringify({ level: 'warn', code, message, ...(data === undefined ? {} : { data }) })}\n`
        : `Warning: ${message}\n`,
    );
  for (const warning of warnings) warn(formatProblem(warning), warning.code ?? 'CONFIG_WARNING', warning);
  // Deployers resolve from the project first, then from the CLI (this module).
  for (const line of missingDeployerWarnings(loaded.environments, import.meta.url)) {
    warn(line, 'DEPLOYER_MISSING');
  }
  if (flags.json) {
    output.stdout.write(`${JSON.stringify(resolvedJson(environments, warnings), null, 2)}\n`);
    return 0;
  }
  output.stdout.write(renderResolvedText(environments));
  const names = environments.map((resolved) => resolved.env).join(', ');
  const warned = warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`;
  output.stderr.write(`${flags.file} is valid (${names}; ${warned})\n`);
  return 0;
}
