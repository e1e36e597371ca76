import { type Command, Option } from 'commander';

export interface LogsFlags {
  release: string;
  env: string;
  target?: 'sagemaker' | 'lambda' | 'apigateway';
  since: string;
  follow?: boolean;
  filter?: string;
  json?: boolean;
  debug?: boolean;
  color?: boolean;
}

export function defineLogs(program: Command): void {
  program
    .command('logs')
    .description(
      'print the CloudWatch logs of the endpoint, the proxy and the API Gateway, merged in time order',
    )
    .requiredOption('-e, --env <env>', 'the environment in release.yaml')
    .addOption(
      new Option('-t, --target <target>', 'only one part').choices(['sagemaker', 'lambda', 'apigateway']),
    )
    .option('--since <when>', 'how far back: 30s, 10m, 2h, 1d or an ISO 8601 time', '10m')
    .option('-f, --follow', 'keep printing new events until Ctrl-C')
    .option('--filter <pattern>', 'a CloudWatch Logs filter pattern, e.g. ERROR or "Task timed out"')
    .option('--json', 'one JSON object per event and line')
    .option('--release <path>', 'the release file', 'release.yaml')
    .action(async (_flags: LogsFlags, command: Command) => {
      const { runLogs } = await import('./logs.run.js');
      process.exitCode = await runLogs(command.optsWithGlobals<LogsFlags>());
    });
}
