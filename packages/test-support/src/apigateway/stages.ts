import type { Handler } from '../server/service.js';
import type { FakeApiGateway } from './fake-apigateway.js';
import { applyPatch, booleanValue, numberValue, type PatchRule, requireValue } from './patch.js';
import {
  badRequest,
  conflict,
  type Definition,
  notFound,
  page,
  type RestApiRecord,
  randomId,
  type StageRecord,
} from './state.js';

const METHOD_SETTING_DEFAULTS = {
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};
const LOG_DESTINATION =
  /^arn:aws[\w-]*:(logs:[a-z0-9-]+:\d{12}:log-group:[\w./#-]+|firehose:[a-z0-9-]+:\d{12}:deliverystream\/amazon-apigateway-[\w.-]+)$/;

export function describeStage(stage: StageRecord): Record<string, unknown> {
  const { tags, ...rest } = structuredClone(stage);
  return { ...rest, tags: { ...tags } };
}

function snapshot(api: RestApiRecord): Definition {
  const resources = [...api.resources.values()];
  const methods = resources.flatMap((r) => Object.values(r.resourceMethods).map((m) => ({ r, m })));
  if (methods.length === 0) throw badRequest("The REST API doesn't contain any methods");
  const missing = methods.find(({ m }) => !m.methodIntegration);
  if (missing)
    throw badRequest(`No integration defined for method ${missing.m.httpMethod} ${missing.r.path}`);
  return structuredClone({
    resources,
    authorizers: [...api.authorizers.values()],
    gatewayResponses: [...api.gatewayResponses.values()],
  });
}

function methodSetting(
  stage: StageRecord,
  resourcePath: string,
  httpMethod: string,
): Record<string, unknown> {
  const key =
    resourcePath === '*'
      ? `*/${httpMethod}`
      : `${resourcePath.replaceAll('~1', '/').replace(/^\//, '')}/${httpMethod}`;
  stage.methodSettings[key] ??= { ...METHOD_SETTING_DEFAULTS };
  return stage.methodSettings[key];
}

function stageRules(gw: FakeApiGateway, api: RestApiRecord, stage: StageRecord): PatchRule[] {
  const setting = (
    suffix: string,
    key: string,
    parse: (op: Parameters<PatchRule['prepare']>[0]) => unknown,
  ): PatchRule => ({
    path: `/{resourcePath}/{httpMethod}/${suffix}`,
    ops: ['replace'],
    prepare: (op, [path, method]) => {
      const value = parse(op);
      return () => {
        methodSetting(stage, path as string, method as string)[key] = value;
      };
    },
  });
  const flag = (key: 'tracingEnabled' | 'cacheClusterEnabled'): PatchRule => ({
    path: `/${key}`,
    ops: ['replace'],
    prepare: (op) => {
      const value = booleanValue(op);
      return () => {
        stage[key] = value;
      };
    },
  });
  return [
    {
      path: '/deploymentId',
      ops: ['replace'],
      prepare: (op) => {
        const id = requireValue(op);
        if (!api.deployments.has(id)) throw badRequest('Invalid deployment identifier specified');
        return () => {
          stage.deploymentId = id;
        };
      },
    },
    {
      path: '/description',
      ops: ['replace'],
      prepare: (op) => () => {
        stage.description = op.value ?? '';
      },
    },
    {
      path: '/variables/{name}',
      ops: ['add', 'replace', 'remove'],
      prepare: (op, [name]) => {
        const value = op.op === 'remove' ? undefined : requireValue(op);
        return () => {
          stage.variables ??= {};
          if (value === undefined) delete stage.variables[name as string];
          else stage.variables[name as string] = value;
        };
      },
    },
    {
      path: '/accessLogSettings',
      ops: ['remove'],
      prepare: () => () => {
        delete stage.accessLogSettings;
      },
    },
    {
      path: '/accessLogSettings/destinationArn',
      ops: ['replace'],
      prepare: (op) => {
        const arn = requireValue(op);
        if (!LOG_DESTINATION.test(arn)) throw badRequest(`Invalid ARN specified in the request: ${arn}`);
        if (!gw.cloudWatchRoleArn)
          throw badRequest('CloudWatch Logs role ARN must be set in account settings to enable logging');
        return () => {
          stage.accessLogSettings = { ...stage.accessLogSettings, destinationArn: arn };
        };
      },
    },
    {
      path: '/accessLogSettings/format',
      ops: ['replace'],
      prepare: (op) => {
        const format = requireValue(op);
        if (!format.includes('$context.requestId') && !format.includes('$context.extendedRequestId')) {
          throw badRequest(
            'Access Log format must include at least $context.requestId or $context.extendedRequestId',
          );
        }
        return () => {
          stage.accessLogSettings = { ...stage.accessLogSettings, format };
        };
      },
    },
    flag('tracingEnabled'),
    flag('cacheClusterEnabled'),
    setting('throttling/rateLimit', 'throttlingRateLimit', (op) => numberValue(op, false)),
    setting('throttling/burstLimit', 'throttlingBurstLimit', (op) => numberValue(op, true)),
    setting('metrics/enabled', 'metricsEnabled', booleanValue),
    setting('logging/dataTrace', 'dataTraceEnabled', booleanValue),
    setting('logging/loglevel', 'loggingLevel', (op) => {
      const level = requireValue(op);
      if (!['OFF', 'ERROR', 'INFO'].includes(level)) throw badRequest(`Invalid logging level ${level}`);
      return level;
    }),
  ];
}

/** Deployments (frozen definitions) and stages (a name pointing at a deployment, with its settings). */
export function stageOperations(gw: FakeApiGateway): Record<string, Handler> {
  const requireStage = (api: RestApiRecord, name: string): StageRecord => {
    const stage = api.stages.get(name);
    if (!stage) throw notFound('Invalid stage identifier specified');
    return stage;
  };
  const newStage = (name: string, deploymentId: string, input: Record<string, unknown>): StageRecord => {
    if (!/^[a-zA-Z0-9_-]{1,128}$/.test(name)) throw badRequest('Stage name only allows a-zA-Z0-9_-');
    const now = new Date();
    return {
      stageName: name,
      deploymentId,
      ...(input.description !== undefined ? { description: String(input.description) } : {}),
      ...(input.variables ? { variables: { ...(input.variables as Record<string, string>) } } : {}),
      methodSettings: {},
      tracingEnabled: input.tracingEnabled === true,
      cacheClusterEnabled: input.cacheClusterEnabled === true,
      tags: { ...((input.tags as Record<string, string> | undefined) ?? {}) },
      createdDate: now,
      lastUpdatedDate: now,
    };
  };
  return {
    CreateDeployment: (input) => {
      const api = gw.requireApi(input.restApiId);
      const deployment = {
        id: randomId(6),
        createdDate: new Date(),
        snapshot: snapshot(api),
        ...(input.description !== undefined ? { description: input.description } : {}),
      };
      api.deployments.set(deployment.id, deployment);
      if (input.stageName) {
        const stage = api.stages.get(input.stageName);
        if (stage) stage.deploymentId = deployment.id;
        else
          api.stages.set(
            input.stageName,
            newStage(input.stageName, deployment.id, { description: input.stageDescription }),
          );
      }
      return {
        id: deployment.id,
        createdDate: deployment.createdDate,
        ...(deployment.description !== undefined ? { description: deployment.description } : {}),
      };
    },
    GetDeployment: (input) => {
      const deployment = gw.requireApi(input.restApiId).deployments.get(input.deploymentId);
      if (!deployment) throw notFound('Invalid Deployment identifier specified');
      return {
        id: deployment.id,
        createdDate: deployment.createdDate,
        ...(deployment.description !== undefined ? { description: deployment.description } : {}),
      };
    },
    GetDeployments: (input) => {
      const { items, position } = page([...gw.requireApi(input.restApiId).deployments.values()], input);
      return {
        items: items.map((d) => ({
          id: d.id,
          createdDate: d.createdDate,
          ...(d.description !== undefined ? { description: d.description } : {}),
        })),
        ...(position ? { position } : {}),
      };
    },
    CreateStage: (input) => {
      const api = gw.requireApi(input.restApiId);
      if (api.stages.has(input.stageName)) throw conflict('Stage already exists');
      if (!api.deployments.has(input.deploymentId))
        throw badRequest('Invalid deployment identifier specified');
      const stage = newStage(input.stageName, input.deploymentId, input);
      api.stages.set(stage.stageName, stage);
      return describeStage(stage);
    },
    GetStage: (input) => describeStage(requireStage(gw.requireApi(input.restApiId), input.stageName)),
    UpdateStage: (input) => {
      const api = gw.requireApi(input.restApiId);
      const stage = requireStage(api, input.stageName);
      applyPatch(input.patchOperations, stageRules(gw, api, stage));
      stage.lastUpdatedDate = new Date();
      return describeStage(stage);
    },
    DeleteStage: (input) => {
      const api = gw.requireApi(input.restApiId);
      requireStage(api, input.stageName);
      api.stages.delete(input.stageName);
      for (const plan of gw.usagePlans.values()) {
        plan.apiStages = plan.apiStages.filter((s) => s.apiId !== api.id || s.stage !== input.stageName);
      }
      return {};
    },
  };
}
