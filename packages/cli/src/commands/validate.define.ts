import type { Command } from 'commander';

export interface ValidateFlags {
  file: string;
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
    .action(async (flags: ValidateFlags) => {
      const { runValidate } = await import('./validate.run.js');
      process.exitCode = await runValidate(flags);
    });
}
