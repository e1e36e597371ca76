import type { InitFlags } from '@mlship/scaffold';
import type { Command } from 'commander';

/** Every flag of `mlship init`: scaffold's answer flags (strings as typed; scaffold checks them) plus the CLI's own. */
export interface InitCommandFlags extends InitFlags {
  force?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  answers?: string;
  json?: boolean;
  debug?: boolean;
  color?: boolean;
  /** false with --no-vendor; otherwise mlship's packages are vendored when no registry serves them. */
  vendor?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function defineInit(program: Command): void {
  program
    .command('init')
    .description('scaffold a model project: inference server, Dockerfile, release.yaml, CircleCI pipeline')
    .argument(
      '[model]',
      'model name: letters, digits and hyphens, starting with a letter (AWS resource names)',
    )
    .option('--framework <framework>', 'onnx (served with onnxruntime-node) or custom (your predict())')
    .option('--model-file <path>', 'the .onnx file to copy into model/ (onnx)')
    .option('--envs <list>', 'environments to create, from dev,qa,staging,prod (default dev,staging,prod)')
    .option(
      '--front <pairs>',
      'front door per environment, e.g. dev=apigateway,prod=apigee (apigateway|apigee|none)',
    )
    .option('--apigee-org <org>', 'Apigee X organization (environments fronted by apigee)')
    .option('--apigee-env <name>', 'Apigee environment: one name, or env=name pairs (default: the env name)')
    .option('--jwks-uri <url>', 'JWKS URL of the auth service Apigee verifies JWTs against')
    .option('--region <region>', 'AWS region (default AWS_REGION, else us-east-1)')
    .option('--instance-count <n>', 'SageMaker instance count (default 1; 2+ for production HA)')
    .option('--instance-type <type>', 'SageMaker instance type (default ml.m5.large)')
    .option('--volume-size <GB>', 'EBS volume size per instance in GB (default 30)')
    .option('--autoscaling', 'enable autoscaling')
    .option('--no-autoscaling', 'disable autoscaling (default)')
    .option('--min-instances <n>', 'autoscaling minimum')
    .option('--max-instances <n>', 'autoscaling maximum')
    .option(
      '--target-invocations <n>',
      'autoscaling target: invocations per instance per minute (default 100)',
    )
    .option('--cache', 'enable the Redis response cache')
    .option('--no-cache', 'disable the response cache (default)')
    .option('--cache-ttl <seconds>', 'cache TTL in seconds (default 3600)')
    .option('--redis-url <url>', 'an existing Redis: redis:// or rediss:// URL')
    .option('--provision-redis', 'provision an ElastiCache Redis instead of a URL')
    .option('--cache-subnets <ids>', 'subnets for the provisioned Redis, comma-separated')
    .option('--cache-security-groups <ids>', 'security groups for the provisioned Redis, comma-separated')
    .option('--team <team>', 'team tag for cost tracking')
    .option('--tag <key=value>', 'extra tag (repeatable)', collect)
    .option('--role-arn <arn>', 'SageMaker execution role ARN (default: a placeholder to replace)')
    .option('--git', 'create the branch feature/mlship-<model> and commit (git init outside a repository)')
    .option('--no-git', 'write the files only')
    .option('--dir <path>', 'where to write the project (default ./<model>)')
    .option('--force', 'write into a non-empty directory')
    .option('--dry-run', 'list the files it would write and write nothing')
    .option('-y, --yes', 'take the default for every answer not given')
    .option('--answers <file>', 'read answers from a JSON file (flags win over it)')
    .option(
      '--no-vendor',
      'name mlship packages by registry version even when this mlship runs from a source checkout or local tarballs',
    )
    .option('--json', 'print a machine-readable result')
    .action(async (model: string | undefined, _flags: InitCommandFlags, command: Command) => {
      const { runInit } = await import('./init.run.js');
      process.exitCode = await runInit(model, command.optsWithGlobals<InitCommandFlags>());
    });
}
