import type { IoHost } from '@mlship/core';
import { askOn } from './ask.js';
import { CiIoHost } from './ci-host.js';
import { JsonIoHost } from './json-host.js';
import { colorEnabled, styler } from './style.js';

export interface HostFlags {
  json?: boolean;
  debug?: boolean;
  /** commander's `--no-color` sets `color: false`. */
  color?: boolean;
}

export interface HostEnvironment {
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream;
  stdinIsTty?: boolean;
}

export type HostKind = 'json' | 'ci' | 'interactive';

/** `--json` → JSON; `CI` set or stdout not a terminal → plain lines; otherwise spinners and prompts. */
export function hostKind(flags: HostFlags, environment: HostEnvironment = {}): HostKind {
  const env = environment.env ?? process.env;
  const stdout = environment.stdout ?? process.stdout;
  if (flags.json) return 'json';
  const tty = Boolean(stdout.isTTY) && (environment.stdinIsTty ?? Boolean(process.stdin.isTTY));
  return isCi(env) || !tty ? 'ci' : 'interactive';
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

/** A person can answer a question when stdin is a terminal and CI is not set, whatever stdout is. */
export function personAtTerminal(environment: HostEnvironment = {}): boolean {
  const env = environment.env ?? process.env;
  return !isCi(env) && (environment.stdinIsTty ?? Boolean(process.stdin.isTTY));
}

/**
 * The JSON or plain-line host: what runs in CI and pipes, without loading spinners (ora). With stdout piped or
 * carrying JSON, a question still reaches a person at the terminal, on stderr.
 */
export function createPlainHost(flags: HostFlags, environment: HostEnvironment = {}): IoHost {
  const env = environment.env ?? process.env;
  const stdout = environment.stdout ?? process.stdout;
  const stderr = environment.stderr ?? process.stderr;
  const debug = Boolean(flags.debug);
  const ask = personAtTerminal(environment) ? askOn(stderr) : undefined;
  if (flags.json) return new JsonIoHost(stdout, stderr, debug, ask);
  const color = colorEnabled(env, flags.color === false, Boolean(stdout.isTTY));
  return new CiIoHost({ stdout, stderr, styler: styler(color), debug, ...(ask ? { ask } : {}) });
}
