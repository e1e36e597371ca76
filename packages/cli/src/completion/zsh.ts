import { type CommandSpec, ENVS_FROM_RELEASE_YAML, type FlagSpec } from './spec.js';

/** A `name:description` item of `_describe` (the first unescaped colon separates them), single-quoted. */
function item(name: string, description: string): string {
  const text = `${name.replaceAll(':', '\\:')}:${description}`;
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function valueAction(flag: FlagSpec): string {
  if (flag.values === 'files') return '_files';
  if (flag.values === 'envs') return '_mlship_envs';
  if (flag.values) return `compadd -- ${flag.values.join(' ')}`;
  return '_message value';
}

/** `mlship completion zsh`: save it as _mlship in a directory of $fpath, or source it after compinit. */
export function zshScript(commands: CommandSpec[], global: FlagSpec[]): string {
  const described = commands.map((c) => `    ${item(c.name, c.description)}`).join('\n');
  const flagWords = (flags: FlagSpec[]) => flags.flatMap((f) => [f.long, f.short].filter(Boolean)).join(' ');
  const byFlag = new Map<string, FlagSpec>();
  for (const flag of commands.flatMap((c) => c.flags)) {
    if (flag.takesValue && flag.long) byFlag.set(flag.long, flag);
  }
  const values = [...byFlag.values()]
    .map(
      (flag) => `    ${[flag.long, flag.short].filter(Boolean).join('|')}) ${valueAction(flag)}; return ;;`,
    )
    .join('\n');
  const perCommand = commands
    .map((c) => {
      const args = c.args ? `${c.args.join(' ')} ` : '';
      return `    ${c.name}) compadd -- ${args}${flagWords(c.flags)} ;;`;
    })
    .join('\n');
  return `#compdef mlship
# zsh completion for mlship (mlship completion zsh)
_mlship_envs() {
  local file=release.yaml i
  for ((i = 2; i < CURRENT; i++)); do
    case "$words[i]" in --file|-f) file="$words[i+1]" ;; esac
  done
  compadd -- $(${ENVS_FROM_RELEASE_YAML})
}

_mlship() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe command commands
    compadd -- ${flagWords(global)} --help
    return
  fi
  case "$words[CURRENT-1]" in
${values}
  esac
  case "$words[2]" in
${perCommand}
  esac
}

if [ "$funcstack[1]" = "_mlship" ]; then
  _mlship "$@"
else
  compdef _mlship mlship
fi
`;
}
