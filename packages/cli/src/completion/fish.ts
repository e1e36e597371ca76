import { type CommandSpec, ENVS_FROM_RELEASE_YAML, type FlagSpec } from './spec.js';

const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function flagLine(command: string, flag: FlagSpec): string {
  const parts = ['complete -c mlship', `-n '__fish_seen_subcommand_from ${command}'`];
  if (flag.long) parts.push(`-l ${flag.long.slice(2)}`);
  if (flag.short) parts.push(`-s ${flag.short.slice(1)}`);
  if (flag.values === 'files') parts.push('-r -F');
  else if (flag.values === 'envs') parts.push("-x -a '(__mlship_envs)'");
  else if (flag.values) parts.push(`-x -a ${quote(flag.values.join(' '))}`);
  else if (flag.takesValue) parts.push('-x');
  parts.push(`-d ${quote(flag.description)}`);
  return parts.join(' ');
}

/** `mlship completion fish`: save it as ~/.config/fish/completions/mlship.fish. */
export function fishScript(commands: CommandSpec[], global: FlagSpec[]): string {
  const lines = [
    '# fish completion for mlship (mlship completion fish)',
    'function __mlship_envs',
    '    set -l file release.yaml',
    '    set -l tokens (commandline -opc)',
    '    for i in (seq (count $tokens))',
    '        if contains -- $tokens[$i] --file -f; and test $i -lt (count $tokens)',
    '            set file $tokens[(math $i + 1)]',
    '        end',
    '    end',
    `    ${ENVS_FROM_RELEASE_YAML.replaceAll('"$file"', '$file')}`,
    'end',
    '',
    'complete -c mlship -f',
    ...commands.map(
      (c) => `complete -c mlship -n __fish_use_subcommand -a ${c.name} -d ${quote(c.description)}`,
    ),
    ...global.map((flag) =>
      flagLine(commands.map((c) => c.name).join(' '), flag).replace(
        /-n '__fish_seen_subcommand_from [^']*'/,
        '',
      ),
    ),
  ];
  for (const command of commands) {
    if (command.args) {
      lines.push(
        `complete -c mlship -n '__fish_seen_subcommand_from ${command.name}' -a ${quote(command.args.join(' '))}`,
      );
    }
    for (const flag of command.flags) lines.push(flagLine(command.name, flag));
  }
  return `${lines.join('\n')}\n`;
}
