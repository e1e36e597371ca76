import {
  ANSWER_ORDER,
  type AnswerPath,
  type DefaultsContext,
  getPath,
  isMissing,
  mergeAnswers,
  type PartialAnswers,
} from '@mlship/scaffold';
import type { Askers } from './ask-common.js';
import { INFRA_ASKERS } from './askers-infra.js';
import { MODEL_ASKERS } from './askers-model.js';
import { PROJECT_ASKERS } from './askers-project.js';

const ASKERS: Askers = { ...MODEL_ASKERS, ...INFRA_ASKERS, ...PROJECT_ASKERS };

/**
 * Prompts for the gaps, in order, re-checking after each answer which ones still matter.
 * `only` limits the prompts to those answers (with --yes: the ones that have no default).
 */
export async function askForGaps(
  given: PartialAnswers,
  ctx: DefaultsContext,
  only?: readonly AnswerPath[],
): Promise<PartialAnswers> {
  let answers = given;
  for (const path of ANSWER_ORDER) {
    if (only && !only.includes(path)) continue;
    const ask = ASKERS[path];
    if (!ask || !isMissing(answers, path) || getPath(answers, path) !== undefined) continue;
    answers = mergeAnswers(answers, await ask(answers, ctx));
  }
  return answers;
}
