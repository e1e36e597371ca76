import { AWS_REGIONS, FRAMEWORKS, FRONT_DOORS, INSTANCE_TYPES } from '@mlship/core/base';
import type { Command } from 'commander';

/** What a completion script knows about one flag: its names, whether it takes a value, and which values. */
export interface FlagSpec {
  long?: string;
  short?: string;
  description: string;
  takesValue: boolean;
  /** Fixed values, `files` for paths, `envs` for the environments of release.yaml (read when completing). */
  values: readonly string[] | 'files' | 'envs' | undefined;
}

export interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  /** Values of the command's positional argument (e.g. the shell of `completion`). */
  args?: readonly string[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
const ENVIRONMENT_NAMES = ['dev', 'qa', 'staging', 'prod'];

const PATH_FLAGS = new Set(['--file', '--model-file', '--answers', '--dir']);

/** The values each flag with a known set takes, by its long name. */
const VALUES: Record<string, readonly string[] | 'envs'> = {
  '--framework': FRAMEWORKS,
  '--envs': ENVIRONMENT_NAMES,
  '--front': ENVIRONMENT_NAMES.flatMap((env) => FRONT_DOORS.map((front) => `${env}=${front}`)),
  '--region': AWS_REGIONS,
  '--instance-type': INSTANCE_TYPES.map((entry) => entry.type),
  '--env': 'envs',
};

/** The commands and flags of the CLI as commander defines them, so the scripts never fall behind. */
export function completionSpec(program: Command): { commands: CommandSpec[]; global: FlagSpec[] } {
  const flagsOf = (command: Command): FlagSpec[] =>
    command.options.map((option) => {
      const long = option.long;
      const values = long && PATH_FLAGS.has(long) ? ('files' as const) : long ? VALUES[long] : undefined;
      return {
        ...(long ? { long } : {}),
        ...(option.short ? { short: option.short } : {}),
        description: option.description,
        takesValue: option.required || option.optional,
        values,
      };
    });
  const commands = program.commands.map((command) => ({
    name: command.name(),
    description: command.description(),
    flags: [
      ...flagsOf(command),
      { long: '--help', short: '-h', description: 'show help', takesValue: false, values: undefined },
    ],
    ...(command.name() === 'completion' ? { args: SHELLS } : {}),
  }));
  return { commands, global: flagsOf(program) };
}

/** A shell function body that prints the environment names of release.yaml (or of the file after --file/-f). */
export const ENVS_FROM_RELEASE_YAML =
  "sed -n '/^environments:/,/^[^[:space:]#]/p' \"$file\" 2>/dev/null | sed -n 's/^  \\([a-z][a-z0-9]*\\):.*/\\1/p'";
