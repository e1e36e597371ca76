import type { Command } from 'commander';

export interface CallFlags {
  /** The request body file (`--file`, as in the contract); the release file is `--release`. */
  file?: string;
  release: string;
  env: string;
  data?: string;
  path?: string;
  json?: boolean;
  curl?: boolean;
  showSecrets?: boolean;
  debug?: boolean;
  color?: boolean;
}

export function defineCall(program: Command): void {
  program
    .command('call')
    .description('call the deployed API with a Cognito token and the API key (front: apigateway)')
    .requiredOption('-e, --env <env>', 'the environment in release.yaml')
    .option('-d, --data <json>', 'the JSON request body')
    .option('--file <path>', 'read the JSON request body from a file (instead of --data)')
    .option('--release <path>', 'the release file', 'release.yaml')
    .option('-p, --path <path>', 'the API path: /predict, /predict/batch or /invocations', '/predict')
    .option('--json', 'print status, x-cache, latency and body as JSON')
    .option('--curl', 'print the equivalent curl commands instead of calling')
    .option('--show-secrets', 'print the client secret and API key in --curl output (masked otherwise)')
    .action(async (_flags: CallFlags, command: Command) => {
      const { runCall } = await import('./call.run.js');
      process.exitCode = await runCall(command.optsWithGlobals<CallFlags>());
    });
}
