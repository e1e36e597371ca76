import type { z } from 'zod';
import { initAnswersSchema } from './answers.js';
import type { AnswerPath } from './answers-fields.js';

/** Checks one answer against the answers schema (for prompts): `true`, or the message to show. */
export function checkAnswer(path: AnswerPath, value: unknown): true | string {
  const [head, tail] = path.split('.') as [keyof typeof initAnswersSchema.shape, string | undefined];
  let schema = unwrap(initAnswersSchema.shape[head]);
  if (tail !== undefined) schema = unwrap((schema as z.ZodObject).shape[tail] as z.ZodType);
  const result = schema.safeParse(value);
  return result.success ? true : (result.error.issues[0]?.message ?? 'invalid value');
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as z.ZodType & { unwrap?: () => z.ZodType };
  while (typeof current.unwrap === 'function') current = current.unwrap() as typeof current;
  return current;
}
