import type { IoHost } from '@mlship/core';
import { InteractiveIoHost } from './interactive-host.js';
import { createPlainHost, type HostEnvironment, type HostFlags, hostKind } from './plain-host.js';
import { colorEnabled, styler } from './style.js';

export {
  type HostEnvironment,
  type HostFlags,
  type HostKind,
  hostKind,
  personAtTerminal,
} from './plain-host.js';

export function createIoHost(flags: HostFlags, environment: HostEnvironment = {}): IoHost {
  if (hostKind(flags, environment) !== 'interactive') return createPlainHost(flags, environment);
  const env = environment.env ?? process.env;
  const stdout = environment.stdout ?? process.stdout;
  const stderr = environment.stderr ?? process.stderr;
  const color = colorEnabled(env, flags.color === false, Boolean(stdout.isTTY));
  return new InteractiveIoHost({ stdout, stderr, styler: styler(color), debug: Boolean(flags.debug), color });
}
