import { number } from '@inquirer/prompts';
import {
  type AnswerPath,
  checkAnswer,
  type DefaultsContext,
  defaultFor,
  type PartialAnswers,
  setPath,
} from '@mlship/scaffold';

/** Asks for one answer (or a small group of them) and returns what it settled. */
export type Ask = (given: PartialAnswers, ctx: DefaultsContext) => Promise<PartialAnswers>;
export type Askers = Partial<Record<AnswerPath, Ask>>;

export const valid = (path: AnswerPath) => (value: unknown) => checkAnswer(path, value);
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
    validate: (n) => (n === undefined ? 'a number is required' : checkAnswer(path, n)),
  });
  return one(path, value);
}

export const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
