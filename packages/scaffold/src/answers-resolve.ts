import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { MlshipError } from '@mlship/core/base';
import type { z } from 'zod';
import { apigeeEnvironmentOf, frontOf, type InitAnswers, initAnswersSchema } from './answers.js';
import { applyDefaults, type DefaultsContext, isRelevant, pruneIrrelevant } from './answers-defaults.js';
import {
  ANSWER_FLAGS,
  type AnswerPath,
  flagForPath,
  getPath,
  mergeAnswers,
  type PartialAnswers,
} from './answers-fields.js';
import { answersFromFlags, compact, type InitFlags } from './answers-flags.js';

export const ANSWER_ORDER = Object.keys(ANSWER_FLAGS) as AnswerPath[];
/** A one-shot CLI parses each schema once or twice: zod's generated fast path costs more than it saves. */
const JITLESS = { jitless: true };
const REQUIRED_WITHOUT_DEFAULT: AnswerPath[] = ['name', 'modelFile'];

export interface ResolveOptions extends DefaultsContext {
  /** Take the default for every answer not given (`--yes`). */
  yes?: boolean;
  /** A terminal is attached, so the caller can prompt for the gaps. */
  interactive?: boolean;
}

export interface ResolvedAnswers {
  /** Complete and valid answers, when nothing is missing and prompts are not wanted. */
  answers?: InitAnswers;
  /** What flags and the answers file gave (before defaults). */
  given: PartialAnswers;
  /** Answers still needed: the ones to prompt for, or (without a terminal) the ones to report. */
  missing: AnswerPath[];
}

/**
 * Flags win over the answers file. With `--yes`, defaults fill the rest and only answers without a default (name,
 * the onnx model file) can be missing. Without `--yes`, every relevant gap is missing: asked in a terminal, an error
 * listing the flags without one.
 */
export async function resolveAnswers(
  flags: InitFlags & { name?: string },
  answersFile: string | undefined,
  options: ResolveOptions = {},
): Promise<ResolvedAnswers> {
  const fromFile = answersFile ? await readAnswersFile(answersFile) : {};
  const fromFlags = answersFromFlags(flags);
  const given = mergeAnswers(fromFile, flags.name ? { name: flags.name } : {}, fromFlags);
  checkGiven(given, options);
  if (!options.yes) {
    // In a terminal the gaps are asked for; without one, each is an error (like create-* tools): --yes opts in to
    // the defaults. The answers of a complete --answers file or flag set need neither.
    const gaps = ANSWER_ORDER.filter((p) => p !== 'dir' && isMissing(given, p));
    if (options.interactive || gaps.length > 0) return { given, missing: gaps };
  }
  const filled = applyDefaults(given, ANSWER_ORDER, options);
  const missing = REQUIRED_WITHOUT_DEFAULT.filter((p) => isMissing(filled, p));
  if (missing.length > 0) return { given, missing };
  return { given, missing, answers: completeAnswers(given, options) };
}

export function isMissing(answers: PartialAnswers, path: AnswerPath): boolean {
  return getPath(answers, path) === undefined && isRelevant(path, answers);
}

/** Defaults for the remaining gaps, then the schema: complete answers or one error naming every bad flag. */
export function completeAnswers(given: PartialAnswers, ctx: DefaultsContext = {}): InitAnswers {
  const filled = pruneIrrelevant(applyDefaults(given, ANSWER_ORDER, ctx));
  const result = initAnswersSchema.safeParse(filled, JITLESS);
  if (result.success) return explicit(result.data);
  throw answersError(result.error.issues);
}

/** Spells out the per-environment choices that were left to their defaults, so equal answers compare equal. */
function explicit(answers: InitAnswers): InitAnswers {
  const fronts = Object.fromEntries(answers.environments.map((env) => [env, frontOf(answers, env)]));
  if (!answers.apigee) return { ...answers, fronts };
  const apigeeEnvs = answers.environments.filter((env) => fronts[env] === 'apigee');
  const environments = Object.fromEntries(apigeeEnvs.map((env) => [env, apigeeEnvironmentOf(answers, env)]));
  return { ...answers, fronts, apigee: { ...answers.apigee, environments } };
}

/** Reports values given by flag or file that can never be valid, before any prompt is shown. */
function checkGiven(given: PartialAnswers, ctx: DefaultsContext): void {
  const stand = { name: 'placeholder', modelFile: 'placeholder.onnx', ...given };
  const result = initAnswersSchema.safeParse(applyDefaults(stand, ANSWER_ORDER, ctx), JITLESS);
  if (result.success) return;
  const givenIssues = result.error.issues.filter((issue) => {
    const top = String(issue.path[0] ?? '');
    return top in given && getPath(given, issue.path.slice(0, 2).join('.') as AnswerPath) !== undefined;
  });
  if (givenIssues.length > 0) throw answersError(givenIssues);
}

function answersError(issues: readonly z.core.$ZodIssue[]): MlshipError {
  const lines = issues.map((issue) => {
    const at = issue.path.map(String).join('.');
    return `  ${flagForPath(issue.path)} (${at || 'answers'}): ${issue.message}`;
  });
  return new MlshipError('INIT_ANSWERS_INVALID', `Invalid init answers:\n${lines.join('\n')}`, {
    hint: 'Fix the flags or the --answers file; run mlship init --help for every flag.',
    details: issues,
  });
}

/** Reads an answers JSON file; relative `modelFile` and `dir` are taken relative to the file. */
export async function readAnswersFile(file: string): Promise<PartialAnswers> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new MlshipError(
      'INIT_ANSWERS_FILE',
      `Cannot read the answers file ${file}: ${(error as Error).message}`,
      {
        hint: 'Pass --answers <file.json> with a readable JSON file.',
      },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const where = Number.isNaN(position) ? '' : `:${lineCol(text, position)}`;
    throw new MlshipError('INIT_ANSWERS_FILE', `${file}${where}: not valid JSON (${message})`, {
      hint: 'The answers file is a JSON object with the same keys as examples/*.answers.json.',
    });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new MlshipError('INIT_ANSWERS_FILE', `${file}: expected a JSON object of answers`);
  }
  const known = new Set(ANSWER_ORDER.map((p) => p.split('.')[0]));
  const unknown = Object.keys(data).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new MlshipError(
      'INIT_ANSWERS_FILE',
      `${file}: unknown answer ${unknown.map((k) => `"${k}"`).join(', ')}`,
      {
        hint: `Known answers: ${[...known].join(', ')}.`,
      },
    );
  }
  const answers = data as PartialAnswers;
  const base = dirname(resolve(file));
  return compact({
    ...answers,
    modelFile: answers.modelFile === undefined ? undefined : resolve(base, answers.modelFile),
    dir: answers.dir === undefined ? undefined : resolve(base, answers.dir),
  });
}

function lineCol(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}
