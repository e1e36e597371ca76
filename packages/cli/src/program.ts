import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/registry.js';
import { reportError } from './report-error.js';

export const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command('mlship')
    .description('Take a trained model to a secured, cached, autoscaled API on AWS.')
    .version(VERSION, '-v, --version')
    .option('--debug', 'show stack traces and SDK details on errors')
    .option('--no-color', 'disable colours (NO_COLOR is honoured too)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Runs the CLI and returns the process exit code: 0 ok, 1 failed deploy or internal error, 2 usage or config error. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      return 2;
    }
    return reportError(error, { debug: argv.includes('--debug'), json: argv.includes('--json') });
  }
}
