import { type CommandSpec, ENVS_FROM_RELEASE_YAML, type FlagSpec } from './spec.js';

const words = (flags: FlagSpec[]) => flags.flatMap((f) => [f.long, f.short].filter(Boolean)).join(' ');

function valueCases(commands: CommandSpec[]): string {
  const byFlag = new Map<string, FlagSpec>();
  for (const flag of commands.flatMap((c) => c.flags)) {
    if (flag.takesValue && flag.long) byFlag.set(flag.long, flag);
  }
  return [...byFlag.values()]
    .map((flag) => {
      const names = [flag.long, flag.short].filter(Boolean).join('|');
      const reply =
        flag.values === 'files'
          ? 'COMPREPLY=($(compgen -f -- "$cur"))'
          : flag.values === 'envs'
            ? 'COMPREPLY=($(compgen -W "$(_mlship_envs)" -- "$cur"))'
            : flag.values
              ? `COMPREPLY=($(compgen -W "${flag.values.join(' ')}" -- "$cur"))`
              : 'COMPREPLY=()';
      return `    ${names}) ${reply}; return ;;`;
    })
    .join('\n');
}

/** `mlship completion bash`: source it, or save it in ~/.local/share/bash-completion/completions/mlship. */
export function bashScript(commands: CommandSpec[], global: FlagSpec[]): string {
  const perCommand = commands
    .map((c) => {
      const args = c.args ? `${c.args.join(' ')} ` : '';
      return `    ${c.name}) COMPREPLY=($(compgen -W "${args}${words(c.flags)}" -- "$cur")) ;;`;
    })
    .join('\n');
  return `# bash completion for mlship (mlship completion bash)
_mlship_envs() {
  local file=release.yaml i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in --file|-f) file="\${COMP_WORDS[i+1]}" ;; esac
  done
  ${ENVS_FROM_RELEASE_YAML}
}

_mlship() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} ${words(global)} --help" -- "$cur"))
    return
  fi
  case "$prev" in
${valueCases(commands)}
  esac
  case "\${COMP_WORDS[1]}" in
${perCommand}
  esac
}
complete -F _mlship mlship
`;
}
