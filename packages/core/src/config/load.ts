import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { MlshipError } from '../errors.js';
import { releaseDocumentSchema } from './document-schema.js';
import { isPlainObject, mergeEnvironment } from './merge.js';
import { assertNoPlaceholders, PLACEHOLDER_CODE } from './placeholders.js';
import { locate, locateMerged, ProblemList } from './problem-list.js';
import { type ConfigPath, configInvalidError, type Problem } from './problems.js';
import { checkFieldRules, checkRules } from './rules.js';
import { type ResolvedConfig, resolvedEnvironmentSchema } from './schema.js';
import { checkSize, checkText, decodeRelease } from './source-text.js';
import { didYouMean } from './suggest.js';
import { readYaml } from './yaml-source.js';
import { describeIssue, type SchemaProblem } from './zod-issues.js';

export interface LoadOptions {
  /** Resolve only this environment; all of them when absent. */
  env?: string;
  /**
   * What placeholders left by `mlship init` are: warnings (validate, the default) or one CONFIG_PLACEHOLDER error
   * naming their lines (deploy), so a placeholder never reaches AWS.
   */
  placeholders?: 'warn' | 'error';
  /** The file was named by the user (--file), which changes what a missing file's hint says. */
  fileGiven?: boolean;
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
  // A one-shot CLI parses each schema a few times: zod's generated fast path costs more than it saves.
  const result = schema.safeParse(value, { jitless: true });
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
  checkText(text, file);
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
  const checkEnvironment = (env: string | undefined) => {
    const merged = mergeEnvironment(document, env ?? '', source.locations);
    const result = schemaProblems(resolvedEnvironmentSchema, merged.value);
    const where = (path: ConfigPath, atKey: boolean) =>
      locateMerged(merged.origins, source.locations, env ?? '', path, atKey);
    if (Array.isArray(result)) {
      for (const problem of result) {
        const at = where(problem.path, problem.atKey || problem.missing);
        if (!problems.has(at) || problem.missing)
          problems.add(at, problem.path, 'error', problem.message, problem.hint, env);
      }
      for (const problem of checkFieldRules(merged.value, env)) {
        const at = where(problem.path, false);
        if (!problems.has(at, problem.message))
          problems.add(at, problem.path, problem.severity, problem.message, problem.hint, env, problem.code);
      }
      return;
    }
    for (const problem of checkRules(result, env ?? '')) {
      const at = where(problem.path, false);
      problems.add(at, problem.path, problem.severity, problem.message, problem.hint, env, problem.code);
    }
    if (env !== undefined) environments.push({ env, file, config: result });
  };
  // Without a usable environment, the base settings are still checked as one, so every problem shows in one run.
  if (selected.length === 0 && (options.env === undefined || names.length === 0)) checkEnvironment(undefined);
  for (const env of selected) checkEnvironment(env);
  const all = problems.list(selected);
  const placeholders = all.filter((problem) => problem.code === PLACEHOLDER_CODE);
  if (all.some((problem) => problem.severity === 'error')) {
    fail(file, options.placeholders === 'error' ? asErrors(all) : all);
  }
  if (options.placeholders === 'error') assertNoPlaceholders(placeholders);
  return { environments, warnings: all, environmentNames: names };
}

function asErrors(problems: Problem[]): Problem[] {
  return problems.map((problem) =>
    problem.code === PLACEHOLDER_CODE ? { ...problem, severity: 'error' } : problem,
  );
}

/** A hint that fits how the file was named: the default path, or one the user passed. */
function unreadable(file: string, cause: NodeJS.ErrnoException, options: LoadOptions): MlshipError {
  const passed = options.fileGiven ?? file !== 'release.yaml';
  if (cause.code === 'ENOENT') {
    return new MlshipError('CONFIG_NOT_FOUND', `${file} does not exist`, {
      hint: passed
        ? `check the path given to --file (the current directory is ${process.cwd()})`
        : 'run this in your project directory, pass --file <path>, or create one with `mlship init`',
      cause,
    });
  }
  const hints: Record<string, string> = {
    EISDIR: `${file} is a directory; pass the release file inside it, e.g. --file ${file.replace(/\/$/, '')}/release.yaml`,
    EACCES: `you may not read ${file}; check its permissions`,
    ENOTDIR: `a part of ${file} is a file, not a directory; check the path`,
  };
  return new MlshipError('CONFIG_UNREADABLE', `cannot read ${file} (${cause.code ?? String(cause)})`, {
    hint: hints[cause.code ?? ''] ?? 'check that it is a readable file',
    cause,
  });
}

/** Reads and validates a release file; see `parseRelease`. A missing file is CONFIG_NOT_FOUND. */
export async function loadRelease(file: string, options: LoadOptions = {}): Promise<LoadedRelease> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      const directory: NodeJS.ErrnoException = new Error('is a directory');
      directory.code = 'EISDIR';
      throw directory;
    }
    checkSize(file, info.size);
    bytes = await readFile(file);
  } catch (cause) {
    if (cause instanceof MlshipError) throw cause;
    throw unreadable(file, cause as NodeJS.ErrnoException, options);
  }
  return parseRelease(decodeRelease(bytes, file), file, options);
}
