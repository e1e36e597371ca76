import type { Command } from 'commander';

export function defineSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of release.yaml (for editors: # yaml-language-server: $schema=...)')
    .action(async () => {
      const { runSchema } = await import('./schema.run.js');
      process.exitCode = await runSchema();
    });
}
