import {
  type APIGatewayClient,
  GetApiKeysCommand,
  GetDeploymentCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
} from '@aws-sdk/client-api-gateway';
import { orMissing } from './clients.js';
import { hashFromDescription } from './definition.js';
import { isOurs, type Names } from './names.js';

export interface StageState {
  deploymentId: string;
  rateLimit?: number;
  burstLimit?: number;
  accessLogArn?: string;
  accessLogFormat?: string;
}

export interface UsagePlanState {
  id: string;
  apiStages: Array<{ apiId: string; stage: string }>;
  rateLimit?: number;
  burstLimit?: number;
  quotaLimit?: number;
  quotaPeriod?: string;
  keyIds: string[];
}

export interface ApiState {
  api?: { id: string; createdDate?: Date; duplicates: string[] };
  stage?: StageState;
  /** The definition hash recorded on the stage's deployment. */
  deployedHash?: string;
  deployedAt?: Date;
  usagePlan?: UsagePlanState;
  apiKey?: { id: string; enabled: boolean };
}

/** Walks an API Gateway `position`-paginated list. */
async function all<T>(
  fetchPage: (position?: string) => Promise<{ items?: T[]; position?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let position: string | undefined;
  do {
    const page = await fetchPage(position);
    items.push(...(page.items ?? []));
    position = page.position;
  } while (position);
  return items;
}

function oldestFirst<T extends { createdDate?: Date }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.createdDate?.getTime() ?? 0) - (b.createdDate?.getTime() ?? 0));
}

/** Finds the REST API, usage plan and API key by their mlship tags, and reads the stage and its deployment. */
export async function readApi(apigw: APIGatewayClient, names: Names, stageName: string): Promise<ApiState> {
  const apis = oldestFirst(
    (await all((position) => apigw.send(new GetRestApisCommand({ limit: 500, position })))).filter((a) =>
      isOurs(a.tags, names),
    ),
  );
  const plans = (
    await all((position) => apigw.send(new GetUsagePlansCommand({ limit: 500, position })))
  ).filter((p) => isOurs(p.tags, names));
  const keys = oldestFirst(
    (
      await all((position) =>
        apigw.send(new GetApiKeysCommand({ limit: 500, position, nameQuery: names.base })),
      )
    ).filter((k) => isOurs(k.tags, names)),
  );
  const state: ApiState = {};
  const [api, ...extraApis] = apis;
  if (api?.id) {
    state.api = {
      id: api.id,
      ...(api.createdDate ? { createdDate: api.createdDate } : {}),
      duplicates: extraApis.map((a) => a.id as string),
    };
    const stage = await orMissing(['NotFoundException'], () =>
      apigw.send(new GetStageCommand({ restApiId: api.id, stageName })),
    );
    if (stage?.deploymentId) {
      const settings = stage.methodSettings?.['*/*'];
      state.stage = {
        deploymentId: stage.deploymentId,
        ...(settings?.throttlingRateLimit !== undefined ? { rateLimit: settings.throttlingRateLimit } : {}),
        ...(settings?.throttlingBurstLimit !== undefined
          ? { burstLimit: settings.throttlingBurstLimit }
          : {}),
        ...(stage.accessLogSettings?.destinationArn
          ? { accessLogArn: stage.accessLogSettings.destinationArn }
          : {}),
        ...(stage.accessLogSettings?.format ? { accessLogFormat: stage.accessLogSettings.format } : {}),
      };
      const deployment = await orMissing(['NotFoundException'], () =>
        apigw.send(new GetDeploymentCommand({ restApiId: api.id, deploymentId: stage.deploymentId })),
      );
      const hash = hashFromDescription(deployment?.description);
      if (hash) state.deployedHash = hash;
      if (deployment?.createdDate) state.deployedAt = deployment.createdDate;
    }
  }
  const plan = plans[0];
  if (plan?.id) {
    const planKeys = await all((position) =>
      apigw.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, limit: 500, position })),
    );
    state.usagePlan = {
      id: plan.id,
      apiStages: (plan.apiStages ?? []).map((s) => ({ apiId: s.apiId as string, stage: s.stage as string })),
      ...(plan.throttle?.rateLimit !== undefined ? { rateLimit: plan.throttle.rateLimit } : {}),
      ...(plan.throttle?.burstLimit !== undefined ? { burstLimit: plan.throttle.burstLimit } : {}),
      ...(plan.quota?.limit !== undefined ? { quotaLimit: plan.quota.limit } : {}),
      ...(plan.quota?.period ? { quotaPeriod: plan.quota.period } : {}),
      keyIds: planKeys.map((k) => k.id as string),
    };
  }
  const key = keys[0];
  if (key?.id) state.apiKey = { id: key.id, enabled: key.enabled === true };
  return state;
}
