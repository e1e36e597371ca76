import type { Command } from 'commander';

export interface LoadtestFlags {
  release: string;
  env?: string;
  url?: string;
  path?: string;
  duration: string;
  connections: string;
  rate?: string;
  maxRequests?: string;
  body?: string;
  header: string[];
  json?: boolean;
  debug?: boolean;
  color?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function defineLoadtest(program: Command): void {
  program
    .command('loadtest')
    .description('load-test the deployed API (--env) or a URL (--url) with autocannon and summarize it')
    .option('-e, --env <env>', 'the environment in release.yaml: its deployed URL, token and API key')
    .option('--url <url>', 'the URL to POST to (any host: you name it explicitly)')
    .option('-p, --path <path>', 'the API path appended to the deployed URL with --env', '/predict')
    .option('-d, --duration <seconds>', 'how long to run (1-600)', '10')
    .option('-c, --connections <n>', 'concurrent connections (1-1000)', '10')
    .option('-r, --rate <n>', 'requests per second over all connections (default: as fast as possible)')
    .option('--max-requests <n>', 'stop after this many requests (1-1000000)', '100000')
    .option('-b, --body <file>', 'a JSON file to POST (default: {})')
    .option('-H, --header <name: value>', 'an extra request header (repeatable)', collect, [])
    .option('--json', 'print the summary as JSON')
    .option('--release <path>', 'the release file', 'release.yaml')
    .action(async (_flags: LoadtestFlags, command: Command) => {
      const { runLoadtest } = await import('./loadtest.run.js');
      process.exitCode = await runLoadtest(command.optsWithGlobals<LoadtestFlags>());
    });
}
