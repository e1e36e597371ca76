import { number } from '@inquirer/prompts';
import {
  type AnswerPath,
  checkAnswerWith,
  type DefaultsContext,
  defaultFor,
  type PartialAnswers,
  setPath,
} from '@mlship/scaffold';

/** Asks for one answer (or a small group of them) and returns what it settled. */
export type Ask = (given: PartialAnswers, ctx: DefaultsContext) => Promise<PartialAnswers>;
export type Askers = Partial<Record<AnswerPath, Ask>>;

/** Checks the answer and every cross-field rule it completes (e.g. min against max), so a conflict is re-asked. */
export const valid = (path: AnswerPath, given: PartialAnswers) => (value: unknown) =>
  checkAnswerWith(path, value, given);
export const one = (path: AnswerPath, value: unknown): PartialAnswers => setPath({}, path, value);
export const dflt = <T>(path: AnswerPath, given: PartialAnswers, ctx: DefaultsContext) =>
  defaultFor(path, given, ctx) as T | undefined;

export async function askNumber(
  path: AnswerPath,
  message: string,
  given: PartialAnswers,
  ctx: DefaultsContext,
) {
  const value = await number({
    message,
    default: dflt<number>(path, given, ctx),
    required: true,
    // Our own messages ("a whole number from 1 to 100") rather than the prompt library's step check.
    step: 'any',
    validate: (n) => (n === undefined ? 'a number is required' : checkAnswerWith(path, n, given)),
  });
  return one(path, value);
}

export const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
