import type { Command } from 'commander';
import { type EngineFlags, engineOptions } from './deploy.define.js';

export function defineStatus(program: Command): void {
  engineOptions(
    program
      .command('status')
      .description('show the deployed endpoint, its version, instances and autoscaling'),
  ).action(async (_flags: EngineFlags, command: Command) => {
    const { runStatus } = await import('./status.run.js');
    process.exitCode = await runStatus(command.optsWithGlobals<EngineFlags>());
  });
}
