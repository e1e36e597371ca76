import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { MlshipError } from '../errors.js';
import { releaseDocumentSchema } from './document-schema.js';
import { isPlainObject, mergeEnvironment } from './merge.js';
import { locate, locateMerged, ProblemList } from './problem-list.js';
import { type ConfigPath, configInvalidError, type Problem } from './problems.js';
import { checkFieldRules, checkRules } from './rules.js';
import { type ResolvedConfig, resolvedEnvironmentSchema } from './schema.js';
import { didYouMean } from './suggest.js';
import { readYaml } from './yaml-source.js';
import { describeIssue, type SchemaProblem } from './zod-issues.js';

export interface LoadOptions {
  /** Resolve only this environment; all of them when absent. */
  env?: string;
}

export interface LoadedRelease {
  environments: ResolvedConfig[];
  warnings: Problem[];
  /** Every environment the file defines, in file order. */
  environmentNames: string[];
}

function schemaProblems(
  schema: z.ZodType,
  value: unknown,
): SchemaProblem[] | z.infer<typeof resolvedEnvironmentSchema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<typeof resolvedEnvironmentSchema>;
  return result.error.issues.flatMap((issue) => describeIssue(issue, schema, value));
}

function fail(file: string, problems: Problem[]): never {
  throw configInvalidError(file, problems);
}

function selectEnvironments(names: string[], env: string | undefined, file: string): string[] {
  if (env === undefined) return names;
  if (names.includes(env)) return [env];
  throw new MlshipError(
    'ENV_NOT_FOUND',
    `environment "${env}" is not defined in ${file} (defined: ${names.join(', ') || 'none'})`,
    {
      hint: didYouMean(env, names) ?? 'add it under environments:, or pick one of the defined environments',
    },
  );
}

/**
 * Parses and validates release.yaml text: YAML with positions → schema check of the whole document → for each
 * environment, merge its overlay → schema check → cross-field rules. Throws one CONFIG_INVALID MlshipError listing
 * every error; returns the resolved environments and the warnings otherwise.
 */
export function parseRelease(text: string, file: string, options: LoadOptions = {}): LoadedRelease {
  const source = readYaml(text, file);
  const problems = new ProblemList(file);
  for (const problem of source.problems) {
    problems.add(problem, problem.path, problem.severity, problem.message, problem.hint);
  }
  if (source.fatal) fail(file, problems.list([]));
  const rootAt = locate(source.locations, [], false);
  if (source.value === null || source.value === undefined) {
    fail(file, [
      {
        file,
        ...rootAt,
        path: '',
        severity: 'error',
        message:
          'the file is empty; expected a mapping with name, model, region, image, sagemaker and environments',
      },
    ]);
  }
  if (!isPlainObject(source.value)) {
    fail(file, [
      {
        file,
        ...rootAt,
        path: '',
        severity: 'error',
        message: `expected a mapping of settings at the top level, got ${Array.isArray(source.value) ? 'a list' : 'a single value'}`,
      },
    ]);
  }
  const document = source.value;
  const documentCheck = schemaProblems(releaseDocumentSchema, document);
  if (Array.isArray(documentCheck)) {
    for (const problem of documentCheck) {
      problems.add(
        locate(source.locations, problem.path, problem.atKey || problem.missing),
        problem.path,
        'error',
        problem.message,
        problem.hint,
      );
    }
  }
  const names = isPlainObject(document.environments) ? Object.keys(document.environments) : [];
  // Without an environments mapping there is nothing to select from; the document problems say why.
  const defined = isPlainObject(document.environments) ? selectEnvironments(names, options.env, file) : [];
  const selected = defined.filter((env) => {
    const overlay = (document.environments as Record<string, unknown>)[env];
    return overlay === null || isPlainObject(overlay);
  });
  const environments: ResolvedConfig[] = [];
  for (const env of selected) {
    const merged = mergeEnvironment(document, env, source.locations);
    const result = schemaProblems(resolvedEnvironmentSchema, merged.value);
    const where = (path: ConfigPath, atKey: boolean) =>
      locateMerged(merged.origins, source.locations, env, path, atKey);
    if (Array.isArray(result)) {
      for (const problem of result) {
        const at = where(problem.path, problem.atKey || problem.missing);
        if (!problems.has(at) || problem.missing)
          problems.add(at, problem.path, 'error', problem.message, problem.hint, env);
      }
      for (const problem of checkFieldRules(merged.value)) {
        const at = where(problem.path, false);
        if (!problems.has(at))
          problems.add(at, problem.path, problem.severity, problem.message, problem.hint, env);
      }
      continue;
    }
    for (const problem of checkRules(result, env)) {
      problems.add(
        where(problem.path, false),
        problem.path,
        problem.severity,
        problem.message,
        problem.hint,
        env,
      );
    }
    environments.push({ env, file, config: result });
  }
  const all = problems.list(selected);
  if (all.some((problem) => problem.severity === 'error')) fail(file, all);
  return { environments, warnings: all, environmentNames: names };
}

/** Reads and validates a release file; see `parseRelease`. A missing file is CONFIG_NOT_FOUND. */
export async function loadRelease(file: string, options: LoadOptions = {}): Promise<LoadedRelease> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new MlshipError('CONFIG_NOT_FOUND', `${file} does not exist`, {
        hint: '`mlship init` creates one, or pass --file <path>',
        cause,
      });
    }
    throw new MlshipError('CONFIG_UNREADABLE', `cannot read ${file} (${code ?? String(cause)})`, {
      hint: 'check that it is a readable file',
      cause,
    });
  }
  return parseRelease(text, file, options);
}
