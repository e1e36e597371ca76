import type { Handler } from '../server/service.js';
import type { FakeApiGateway } from './fake-apigateway.js';
import { badRequest, notFound, page } from './state.js';

/** TagResource, GetTags, UntagResource on REST APIs, stages, usage plans and API keys, by ARN. */
export function tagOperations(gw: FakeApiGateway): Record<string, Handler> {
  const tagsOf = (arn: string): Record<string, string> => {
    const prefix = `arn:aws:apigateway:${gw.region}::`;
    const path = arn.startsWith(prefix) ? arn.slice(prefix.length) : '';
    let match = /^\/restapis\/([^/]+)$/.exec(path);
    if (match) return gw.requireApi(match[1] as string).tags;
    match = /^\/restapis\/([^/]+)\/stages\/([^/]+)$/.exec(path);
    if (match) {
      const stage = gw.requireApi(match[1] as string).stages.get(match[2] as string);
      if (!stage) throw notFound('Invalid stage identifier specified');
      return stage.tags;
    }
    match = /^\/usageplans\/([^/]+)$/.exec(path);
    if (match) return gw.requirePlan(match[1] as string).tags;
    match = /^\/apikeys\/([^/]+)$/.exec(path);
    if (match) return gw.requireKey(match[1] as string).tags;
    throw badRequest(`Invalid ARN specified in the request: ${arn}`);
  };
  return {
    TagResource: (input) => {
      const tags = tagsOf(input.resourceArn);
      for (const key of Object.keys(input.tags)) {
        if (key.startsWith('aws:')) throw badRequest('Tag keys starting with aws: are reserved');
      }
      if (Object.keys({ ...tags, ...input.tags }).length > 50)
        throw badRequest('A resource can have at most 50 tags');
      Object.assign(tags, input.tags);
      return {};
    },
    GetTags: (input) => {
      const { items } = page(Object.entries(tagsOf(input.resourceArn)), input);
      return { tags: Object.fromEntries(items) };
    },
    UntagResource: (input) => {
      const tags = tagsOf(input.resourceArn);
      for (const key of input.tagKeys as string[]) delete tags[key];
      return {};
    },
  };
}
