import { validationError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import type { FakeSageMaker } from './fake-sagemaker.js';

/** AddTags, ListTags, DeleteTags on models, endpoint configs and endpoints (by ARN). */
export function tagOperations(sm: FakeSageMaker): Record<string, Handler> {
  const requireResource = (arn: string): void => {
    const known =
      [...sm.models.values()].some((m) => m.ModelArn === arn) ||
      [...sm.endpointConfigs.values()].some((c) => c.EndpointConfigArn === arn) ||
      [...sm.endpoints.values()].some((e) => e.EndpointArn === arn);
    if (!known) throw validationError(`Could not find resource "${arn}".`);
  };
  return {
    AddTags: (input) => {
      requireResource(input.ResourceArn);
      sm.putTags(input.ResourceArn, input.Tags);
      return { Tags: input.Tags };
    },
    ListTags: (input) => {
      requireResource(input.ResourceArn);
      return { Tags: sm.tags.get(input.ResourceArn) ?? [] };
    },
    DeleteTags: (input) => {
      requireResource(input.ResourceArn);
      const keys = new Set<string>(input.TagKeys);
      sm.tags.set(
        input.ResourceArn,
        (sm.tags.get(input.ResourceArn) ?? []).filter((t) => !keys.has(t.Key)),
      );
      return {};
    },
  };
}
