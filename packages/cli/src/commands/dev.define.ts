import type { Command } from 'commander';

export interface DevFlags {
  dir: string;
  port: string;
  apiKey?: boolean;
  script?: 'dev' | 'start';
  showSecrets?: boolean;
}

export function defineDev(program: Command): void {
  program
    .command('dev')
    .description(
      'run the chain on this machine: inference server, Lambda proxy behind a local API Gateway, Redis cache',
    )
    .option('-d, --dir <path>', 'the project directory', '.')
    .option('-p, --port <n>', 'port of the local front (0 picks a free one)', '3000')
    .option(
      '--api-key',
      'require x-api-key like the deployed front door (MLSHIP_DEV_API_KEY, else a random key)',
    )
    .option(
      '--script <name>',
      'npm script that runs the server: dev (TypeScript source) or start (the build)',
    )
    .option('--show-secrets', 'print the API key in full')
    .action(async (flags: DevFlags) => {
      const { runDev } = await import('./dev.run.js');
      process.exitCode = await runDev(flags);
    });
}
