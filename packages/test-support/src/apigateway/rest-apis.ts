import type { Handler } from '../server/service.js';
import type { FakeApiGateway } from './fake-apigateway.js';
import { importDefinition, parseBody } from './openapi-import.js';
import { applyPatch, numberValue, type PatchRule, requireValue } from './patch.js';
import { type AuthorizerRecord, badRequest, notFound, page, type RestApiRecord, randomId } from './state.js';

export function describeApi(api: RestApiRecord, warnings?: string[]): Record<string, unknown> {
  return {
    id: api.id,
    name: api.name,
    ...(api.description !== undefined ? { description: api.description } : {}),
    createdDate: api.createdDate,
    apiKeySource: api.apiKeySource,
    endpointConfiguration: structuredClone(api.endpointConfiguration),
    tags: { ...api.tags },
    rootResourceId: api.rootResourceId,
    disableExecuteApiEndpoint: false,
    ...(warnings && warnings.length > 0 ? { warnings } : {}),
  };
}

function authorizerRules(authorizer: AuthorizerRecord): PatchRule[] {
  const text = (
    key:
      | 'name'
      | 'identitySource'
      | 'identityValidationExpression'
      | 'authorizerUri'
      | 'authorizerCredentials',
  ): PatchRule => ({
    path: `/${key}`,
    ops: ['replace'],
    prepare: (op) => {
      const value = requireValue(op);
      return () => {
        authorizer[key] = value;
      };
    },
  });
  return [
    text('name'),
    text('identitySource'),
    text('identityValidationExpression'),
    text('authorizerUri'),
    text('authorizerCredentials'),
    {
      path: '/authorizerResultTtlInSeconds',
      ops: ['replace'],
      prepare: (op) => {
        const ttl = numberValue(op, true);
        if (ttl < 0 || ttl > 3600)
          throw badRequest('authorizerResultTtlInSeconds must be between 0 and 3600');
        return () => {
          authorizer.authorizerResultTtlInSeconds = ttl;
        };
      },
    },
    {
      path: '/providerARNs/{arn}',
      ops: ['add', 'remove'],
      prepare:
        (op, [arn]) =>
        () => {
          const arns = new Set(authorizer.providerARNs ?? []);
          if (op.op === 'add') arns.add(arn as string);
          else arns.delete(arn as string);
          authorizer.providerARNs = [...arns];
        },
    },
  ];
}

/** REST APIs and their definition: CreateRestApi, PutRestApi (OpenAPI import), Get*, UpdateAuthorizer, DeleteRestApi. */
export function restApiOperations(gw: FakeApiGateway): Record<string, Handler> {
  return {
    CreateRestApi: (input) => {
      const types: string[] = input.endpointConfiguration?.types ?? ['EDGE'];
      if (types.length !== 1) throw badRequest('Exactly one endpoint type must be specified.');
      const rootResourceId = randomId(10);
      const api: RestApiRecord = {
        id: randomId(10),
        name: input.name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        createdDate: new Date(),
        apiKeySource: input.apiKeySource ?? 'HEADER',
        endpointConfiguration: { types },
        tags: { ...(input.tags ?? {}) },
        rootResourceId,
        resources: new Map([[rootResourceId, { id: rootResourceId, path: '/', resourceMethods: {} }]]),
        authorizers: new Map(),
        gatewayResponses: new Map(),
        deployments: new Map(),
        stages: new Map(),
      };
      gw.restApis.set(api.id, api);
      return describeApi(api);
    },
    GetRestApi: (input) => describeApi(gw.requireApi(input.restApiId)),
    GetRestApis: (input) => {
      const { items, position } = page([...gw.restApis.values()], input);
      return { items: items.map((api) => describeApi(api)), ...(position ? { position } : {}) };
    },
    PutRestApi: (input) => {
      const api = gw.requireApi(input.restApiId);
      const mode = input.mode ?? 'merge';
      const warnings = importDefinition(api, parseBody(input.body), mode, input.failOnWarnings === true);
      return describeApi(api, warnings);
    },
    DeleteRestApi: (input) => {
      const api = gw.requireApi(input.restApiId);
      for (const plan of gw.usagePlans.values())
        plan.apiStages = plan.apiStages.filter((s) => s.apiId !== api.id);
      gw.restApis.delete(api.id);
      return {};
    },
    GetResources: (input) => {
      const api = gw.requireApi(input.restApiId);
      const embed = ((input.embed as string[] | undefined) ?? []).includes('methods');
      const { items, position } = page([...api.resources.values()], input);
      return {
        items: items.map((r) => ({
          id: r.id,
          ...(r.parentId ? { parentId: r.parentId, pathPart: r.pathPart } : {}),
          path: r.path,
          ...(embed && Object.keys(r.resourceMethods).length > 0
            ? { resourceMethods: structuredClone(r.resourceMethods) }
            : {}),
        })),
        ...(position ? { position } : {}),
      };
    },
    GetIntegration: (input) => {
      const api = gw.requireApi(input.restApiId);
      const resource = api.resources.get(input.resourceId);
      if (!resource) throw notFound('Invalid Resource identifier specified');
      const method = resource.resourceMethods[input.httpMethod];
      if (!method) throw notFound('Invalid Method identifier specified');
      if (!method.methodIntegration) throw notFound('No integration defined for method');
      return structuredClone(method.methodIntegration);
    },
    GetAuthorizers: (input) => {
      const api = gw.requireApi(input.restApiId);
      const { items, position } = page([...api.authorizers.values()], input);
      return { items: structuredClone(items), ...(position ? { position } : {}) };
    },
    UpdateAuthorizer: (input) => {
      const authorizer = gw.requireApi(input.restApiId).authorizers.get(input.authorizerId);
      if (!authorizer) throw notFound('Invalid authorizer identifier specified');
      applyPatch(input.patchOperations, authorizerRules(authorizer));
      return structuredClone(authorizer);
    },
    GetGatewayResponses: (input) => {
      const api = gw.requireApi(input.restApiId);
      const { items, position } = page([...api.gatewayResponses.values()], input);
      return {
        items: items.map((r) => ({ ...structuredClone(r), defaultResponse: false })),
        ...(position ? { position } : {}),
      };
    },
  };
}
