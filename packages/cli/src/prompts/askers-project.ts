import { confirm, input } from '@inquirer/prompts';
import { checkAnswer, featureBranch, parseTags } from '@mlship/scaffold';
import { type Askers, dflt, list, one, valid } from './ask-common.js';

/** Tags, execution role and git. */
export const PROJECT_ASKERS: Askers = {
  team: async (given, ctx) =>
    one(
      'team',
      await input({
        message: 'Team tag (cost tracking)',
        default: dflt('team', given, ctx),
        validate: valid('team', given),
      }),
    ),
  tags: async () => {
    const text = await input({
      message: 'Extra tags (key=value, comma-separated; empty for none)',
      validate: (value) => {
        try {
          return checkAnswer('tags', parseTags(list(value)) ?? {});
        } catch (error) {
          return (error as Error).message;
        }
      },
    });
    return one('tags', parseTags(list(text)) ?? {});
  },
  executionRoleArn: async (given, ctx) =>
    one(
      'executionRoleArn',
      await input({
        message: 'SageMaker execution role ARN (keep the placeholder to set it later in release.yaml)',
        default: dflt('executionRoleArn', given, ctx),
        validate: valid('executionRoleArn', given),
      }),
    ),
  git: async (given, ctx) =>
    one(
      'git',
      await confirm({
        message: `Create the git branch ${featureBranch(given.name ?? '<model>')} and commit the scaffold?`,
        default: Boolean(dflt('git', given, ctx)),
      }),
    ),
};
