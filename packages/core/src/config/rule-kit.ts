import type { ConfigPath, Severity } from './problems.js';
import type { ResolvedEnvironment } from './schema.js';

/** A problem found by a cross-field rule, on the merged settings of one environment. */
export interface RuleProblem {
  path: ConfigPath;
  message: string;
  hint?: string;
  severity: Severity;
  code?: string;
}

export type Rule = (config: ResolvedEnvironment, env: string) => RuleProblem[];

export const error = (path: ConfigPath, message: string, hint?: string): RuleProblem => ({
  path,
  message,
  severity: 'error',
  ...(hint ? { hint } : {}),
});
export const warning = (path: ConfigPath, message: string, hint?: string): RuleProblem => ({
  ...error(path, message, hint),
  severity: 'warning',
});
