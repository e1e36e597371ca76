import type { Command } from 'commander';

export interface EngineFlags {
  file: string;
  env: string;
  json?: boolean;
  debug?: boolean;
  color?: boolean;
  wait?: boolean;
  timeout?: string;
}

export interface DeployFlags extends EngineFlags {
  imageTag?: string;
  dryRun?: boolean;
  yes?: boolean;
  skipPreflight?: boolean;
  showSecrets?: boolean;
}

/** Flags every engine command shares. Kept here, free of heavy imports, for `--help`. */
export function engineOptions(command: Command): Command {
  return command
    .requiredOption('-e, --env <env>', 'the environment in release.yaml (dev, staging, prod, …)')
    .option('-f, --file <path>', 'the release file', 'release.yaml')
    .option('--json', 'print a machine-readable result on stdout (logs go to stderr)');
}

export function defineDeploy(program: Command): void {
  engineOptions(
    program.command('deploy').description('deploy an environment: SageMaker endpoint → proxy → front door'),
  )
    .option('--image-tag <tag>', 'image tag in ECR (default: CIRCLE_SHA1, then git HEAD)')
    .option('--dry-run', 'print the plan and change nothing')
    .option('-y, --yes', 'apply without asking in a terminal')
    .option(
      '--skip-preflight',
      'apply without first checking quotas, the execution role and the permissions of the planned calls',
    )
    .option('--show-secrets', 'print secret outputs unmasked (they are never written to the outputs file)')
    .option('--no-wait', 'fail at once if the endpoint is busy with another update instead of waiting')
    .option(
      '--timeout <minutes>',
      'minutes to wait for each endpoint operation (default: sagemaker.waitTimeoutMinutes)',
    )
    .action(async (_flags: DeployFlags, command: Command) => {
      const { runDeploy } = await import('./deploy.run.js');
      process.exitCode = await runDeploy(command.optsWithGlobals<DeployFlags>());
    });
}
