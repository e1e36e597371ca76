import type { Command } from 'commander';
import { type EngineFlags, engineOptions } from './deploy.define.js';

export interface DoctorFlags extends EngineFlags {
  printPolicy?: boolean;
  requestIncrease?: boolean;
  yes?: boolean;
  imageTag?: string;
}

export function defineDoctor(program: Command): void {
  engineOptions(
    program
      .command('doctor')
      .description(
        'check an environment before deploying: identity, instance quota, execution role, permissions, image, front door',
      ),
  )
    .option('--image-tag <tag>', 'image tag in ECR (default: CIRCLE_SHA1, then git HEAD)')
    .option('--print-policy', 'print the least-privilege IAM policy of the deploying principal and exit')
    .option('--request-increase', 'file the instance quota increase a short quota needs (asks in a terminal)')
    .option('-y, --yes', 'with --request-increase: file it without asking')
    .action(async (_flags: DoctorFlags, command: Command) => {
      const { runDoctor } = await import('./doctor.run.js');
      process.exitCode = await runDoctor(command.optsWithGlobals<DoctorFlags>());
    });
}
