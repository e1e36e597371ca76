import type { Command } from 'commander';
import { type EngineFlags, engineOptions } from './deploy.define.js';

export interface RollbackFlags extends EngineFlags {
  to?: string;
}

export function defineRollback(program: Command): void {
  engineOptions(
    program
      .command('rollback')
      .description('undo the last deploy: the targets it changed go back to their earlier version'),
  )
    .option(
      '--to <endpoint-config>',
      'the SageMaker endpoint config to return to (default: from the deploy history)',
    )
    .option('--timeout <minutes>', 'minutes to wait for the endpoint (default: sagemaker.waitTimeoutMinutes)')
    .action(async (_flags: RollbackFlags, command: Command) => {
      const { runRollback } = await import('./rollback.run.js');
      process.exitCode = await runRollback(command.optsWithGlobals<RollbackFlags>());
    });
}
