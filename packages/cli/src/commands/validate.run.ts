import { formatProblem, loadRelease, renderResolvedText, resolvedJson } from '@mlship/core/config';
import type { ValidateFlags } from './validate.define.js';

export interface CommandOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const processOutput: CommandOutput = { stdout: process.stdout, stderr: process.stderr };

/** Prints the resolved settings (text or JSON) and the warnings; errors are thrown as CONFIG_INVALID (exit 2). */
export async function runValidate(
  flags: ValidateFlags,
  output: CommandOutput = processOutput,
): Promise<number> {
  const { environments, warnings } = await loadRelease(flags.file, {
    ...(flags.env === undefined ? {} : { env: flags.env }),
    ...(flags.fileGiven === undefined ? {} : { fileGiven: flags.fileGiven }),
  });
  for (const warning of warnings) output.stderr.write(`Warning: ${formatProblem(warning)}\n`);
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
