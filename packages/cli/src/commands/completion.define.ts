import type { Command } from 'commander';

export function defineCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script: commands, flags and their values (bash, zsh or fish)')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText(
      'after',
      `
Install:
  bash  mlship completion bash > ~/.local/share/bash-completion/completions/mlship
  zsh   mlship completion zsh > "\${fpath[1]}/_mlship"   (or: source <(mlship completion zsh) after compinit)
  fish  mlship completion fish > ~/.config/fish/completions/mlship.fish`,
    )
    .action(async (shell: string) => {
      const { runCompletion } = await import('./completion.run.js');
      process.exitCode = await runCompletion(shell);
    });
}
