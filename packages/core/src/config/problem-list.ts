import type { Origin } from './merge.js';
import { type ConfigPath, compareProblems, dottedPath, type Problem, type Severity } from './problems.js';
import { type Located, type Position, pathKey } from './yaml-source.js';

/** The located node at `path`, else its nearest ancestor (pointing at the ancestor's key). */
export function locate(locations: Map<string, Located>, path: ConfigPath, atKey: boolean): Position {
  const exact = locations.get(pathKey(path));
  if (exact) return atKey && exact.key ? exact.key : exact.value;
  for (let length = path.length - 1; length >= 0; length--) {
    const ancestor = locations.get(pathKey(path.slice(0, length)));
    if (ancestor) return ancestor.key ?? ancestor.value;
  }
  return { line: 1, col: 1 };
}

/** Collects problems, merging the same problem found in several environments. */
export class ProblemList {
  private readonly byKey = new Map<string, Problem & { envs?: Set<string> }>();
  constructor(private readonly file: string) {}

  add(
    at: Position,
    path: ConfigPath | string,
    severity: Severity,
    message: string,
    hint?: string,
    env?: string,
    code?: string,
  ): void {
    const display = typeof path === 'string' ? path : dottedPath(path);
    const key = [at.line, at.col, display, severity, message].join('\u0000');
    const existing = this.byKey.get(key);
    if (existing) {
      if (env) existing.envs?.add(env);
      return;
    }
    this.byKey.set(key, {
      file: this.file,
      line: at.line,
      col: at.col,
      path: display,
      message,
      severity,
      ...(hint ? { hint } : {}),
      ...(code ? { code } : {}),
      ...(env ? { envs: new Set([env]) } : {}),
    });
  }

  /** Whether a problem sits at `at` already (other than one saying `message`, which merges instead). */
  has(at: Position, message?: string): boolean {
    return [...this.byKey.values()].some(
      (problem) => problem.line === at.line && problem.col === at.col && problem.message !== message,
    );
  }

  /** Problems in every environment checked need no environment tag. */
  list(checked: readonly string[]): Problem[] {
    return [...this.byKey.values()]
      .map(({ envs, ...problem }) =>
        envs && envs.size < checked.length
          ? { ...problem, env: checked.filter((env) => envs.has(env)).join(', ') }
          : problem,
      )
      .sort(compareProblems);
  }
}

/** Like `locate`, on the merged settings of one environment: the base or overlay node each path came from. */
export function locateMerged(
  origins: Map<string, Origin>,
  locations: Map<string, Located>,
  env: string,
  path: ConfigPath,
  atKey: boolean,
): Position {
  const exact = origins.get(pathKey(path));
  if (exact) return atKey && exact.key ? exact.key : exact.value;
  for (let length = path.length - 1; length >= 0; length--) {
    const ancestor = origins.get(pathKey(path.slice(0, length)));
    if (ancestor) return ancestor.key ?? ancestor.value;
  }
  return locate(locations, ['environments', env], true);
}
