import type { Command } from 'commander';
import { type EngineFlags, engineOptions } from './deploy.define.js';

export interface RollbackFlags extends EngineFlags {
  to?: string;
}

export function defineRollback(program: Command): void {
  engineOptions(
    program.command('rollback').description('point the endpoint back at an earlier endpoint config'),
  )
    .option('--to <endpoint-config>', 'the endpoint config to return to (default: the previous one)')
    .option('--timeout <minutes>', 'minutes to wait for the endpoint (default: sagemaker.waitTimeoutMinutes)')
    .action(async (_flags: RollbackFlags, command: Command) => {
      const { runRollback } = await import('./rollback.run.js');
      process.exitCode = await runRollback(command.optsWithGlobals<RollbackFlags>());
    });
}
