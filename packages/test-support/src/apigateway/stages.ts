import type { Handler } from '../server/service.js';
import type { FakeApiGateway } from './fake-apigateway.js';
import { applyPatch } from './patch.js';
import { stageRules } from './stage-patch.js';
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
