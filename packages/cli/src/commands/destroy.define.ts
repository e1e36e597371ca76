import type { Command } from 'commander';
import { type EngineFlags, engineOptions } from './deploy.define.js';

export interface DestroyFlags extends EngineFlags {
  yes?: boolean;
  force?: boolean;
}

export function defineDestroy(program: Command): void {
  engineOptions(
    program
      .command('destroy')
      .description('delete what mlship created for an environment (only resources tagged so)'),
  )
    .option('-y, --yes', 'do not ask (required without a terminal)')
    .option('--force', 'also delete the captured requests in the data-capture bucket mlship created')
    .option('--timeout <minutes>', 'minutes to wait for the endpoint (default: sagemaker.waitTimeoutMinutes)')
    .action(async (_flags: DestroyFlags, command: Command) => {
      const { runDestroy } = await import('./destroy.run.js');
      process.exitCode = await runDestroy(command.optsWithGlobals<DestroyFlags>());
    });
}
