import type { Command } from 'commander';

export interface ValidateFlags {
  file: string;
  /** --file was typed (not the default), which changes a missing file's hint. */
  fileGiven?: boolean;
  env?: string;
  json?: boolean;
}

export function defineValidate(program: Command): void {
  program
    .command('validate')
    .description('check release.yaml and print the resolved settings of one or every environment')
    .option('-f, --file <path>', 'the release file', 'release.yaml')
    .option('-e, --env <env>', 'resolve only this environment')
    .option('--json', 'print JSON')
    .action(async (flags: ValidateFlags, command: Command) => {
      const { runValidate } = await import('./validate.run.js');
      const fileGiven = command.getOptionValueSource('file') === 'cli';
      process.exitCode = await runValidate({ ...flags, fileGiven });
    });
}
