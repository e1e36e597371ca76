import type { IoLevel } from '@mlship/core';

export interface Styler {
  level(level: IoLevel, text: string): string;
  dim(text: string): string;
}

const CODES: Record<IoLevel, [number, number]> = {
  debug: [2, 22],
  info: [0, 0],
  warn: [33, 39],
  error: [31, 39],
  success: [32, 39],
};

/** ANSI colours unless NO_COLOR is set (any value) or --no-color was passed. */
export function styler(color: boolean): Styler {
  const wrap = (open: number, close: number, text: string) =>
    color && open !== 0 ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    level: (level, text) => wrap(CODES[level][0], CODES[level][1], text),
    dim: (text) => wrap(2, 22, text),
  };
}

export function colorEnabled(env: NodeJS.ProcessEnv, noColorFlag: boolean, isTty: boolean): boolean {
  if (noColorFlag || env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTty;
}

const PREFIX: Record<IoLevel, string> = {
  debug: 'debug: ',
  info: '',
  warn: 'warning: ',
  error: 'error: ',
  success: '',
};

export function prefixed(level: IoLevel, message: string): string {
  return `${PREFIX[level]}${message}`;
}
