import { MlshipError } from '../errors.js';

export type Severity = 'error' | 'warning';

/** One thing wrong (or doubtful) in release.yaml, located at a line and column (both 1-based). */
export interface Problem {
  file: string;
  line: number;
  col: number;
  /** Dotted path of the offending key, e.g. `sagemaker.instance.count`; empty for the document itself. */
  path: string;
  message: string;
  hint?: string;
  severity: Severity;
  /** The environments the problem shows up in, when it comes from merging them (comma separated). */
  env?: string;
  /** Set on problems other commands act on, e.g. CONFIG_PLACEHOLDER (a warning here, an error in deploy). */
  code?: string;
}

/** At most this many problems are listed; a file with more is rarely worth reading line by line. */
export const MAX_LISTED_PROBLEMS = 50;
const EXCERPT_LENGTH = 40;

/** Cuts text the user wrote to a short excerpt, so garbage input cannot flood the terminal. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export type ConfigPath = readonly (string | number)[];

export function dottedPath(path: ConfigPath): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : excerpt(part)))
    .join('.')
    .replaceAll('.[', '[');
}

/** `release.yaml:LINE:COL path [env]: message (hint)`. */
export function formatProblem(problem: Problem): string {
  const env = problem.env ? ` [${problem.env}]` : '';
  const where = problem.path ? ` ${problem.path}${env}` : env;
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${problem.file}:${problem.line}:${problem.col}${where}: ${problem.message}${hint}`;
}

export function compareProblems(a: Problem, b: Problem): number {
  return (
    a.line - b.line || a.col - b.col || a.path.localeCompare(b.path) || a.message.localeCompare(b.message)
  );
}

/** The error thrown for an invalid file: its message lists every error, one per line; `details` holds them all. */
export function configInvalidError(file: string, problems: Problem[]): MlshipError {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  const listed = errors.slice(0, MAX_LISTED_PROBLEMS);
  const lines = listed.map((problem) => `  ${formatProblem(problem)}`);
  const more = errors.length - listed.length;
  if (more > 0) lines.push(`  … and ${more} more`);
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  return new MlshipError('CONFIG_INVALID', `${file} is invalid (${count}):\n${lines.join('\n')}`, {
    details: [...listed, ...warnings.slice(0, MAX_LISTED_PROBLEMS)],
    hint: 'fix the lines above and run `mlship validate` again; `mlship schema` gives your editor the same checks',
  });
}
