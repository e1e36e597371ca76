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
}

export type ConfigPath = readonly (string | number)[];

export function dottedPath(path: ConfigPath): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : part))
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
  const lines = errors.map((problem) => `  ${formatProblem(problem)}`);
  return new MlshipError('CONFIG_INVALID', `${file} is invalid (${count}):\n${lines.join('\n')}`, {
    details: problems,
    hint: 'fix the lines above and run `mlship validate` again; `mlship schema` gives your editor the same checks',
  });
}
