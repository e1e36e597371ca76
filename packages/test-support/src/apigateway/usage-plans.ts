import type { Handler } from '../server/service.js';
import type { FakeApiGateway } from './fake-apigateway.js';
import { applyPatch, numberValue, type PatchOperation, type PatchRule, requireValue } from './patch.js';
import { badRequest, conflict, notFound, page, randomId, type UsagePlanRecord } from './state.js';

const PERIODS = ['DAY', 'WEEK', 'MONTH'];
const MAX_OFFSET: Record<string, number> = { DAY: 0, WEEK: 6, MONTH: 27 };

export function describePlan(plan: UsagePlanRecord): Record<string, unknown> {
  const { keyIds: _keys, ...rest } = structuredClone(plan);
  return rest;
}

function checkLimits(plan: Pick<UsagePlanRecord, 'throttle' | 'quota'>): void {
  const { throttle, quota } = plan;
  if (throttle && ((throttle.rateLimit ?? 0) < 0 || (throttle.burstLimit ?? 0) < 0)) {
    throw badRequest('Throttle rate and burst limits must be non-negative');
  }
  if (!quota) return;
  if (!PERIODS.includes(String(quota.period)))
    throw badRequest(`Invalid quota period ${quota.period}: must be DAY, WEEK or MONTH`);
  if ((quota.limit ?? 0) < 0) throw badRequest('Quota limit must be non-negative');
  const max = MAX_OFFSET[String(quota.period)] ?? 0;
  if ((quota.offset ?? 0) < 0 || (quota.offset ?? 0) > max) {
    throw badRequest(`Quota offset must be between 0 and ${max} for period ${quota.period}`);
  }
}

function planRules(gw: FakeApiGateway, plan: UsagePlanRecord, draft: UsagePlanRecord): PatchRule[] {
  const text = (key: 'name' | 'description'): PatchRule => ({
    path: `/${key}`,
    ops: ['replace'],
    prepare: (op) => {
      const value = requireValue(op);
      return () => {
        draft[key] = value;
      };
    },
  });
  const limit = (
    group: 'throttle' | 'quota',
    key: string,
    parse: (op: PatchOperation) => unknown,
  ): PatchRule => ({
    path: `/${group}/${key}`,
    ops: ['replace', 'add'],
    prepare: (op) => {
      const value = parse(op);
      return () => {
        draft[group] = { ...draft[group], [key]: value };
      };
    },
  });
  const stageOf = (op: PatchOperation) => {
    const [apiId, stage] = requireValue(op).split(':');
    if (!apiId || !stage) throw badRequest('Invalid API Stage specified');
    return { apiId, stage };
  };
  return [
    text('name'),
    text('description'),
    {
      path: '/throttle',
      ops: ['remove'],
      prepare: () => () => {
        delete draft.throttle;
      },
    },
    {
      path: '/quota',
      ops: ['remove'],
      prepare: () => () => {
        delete draft.quota;
      },
    },
    limit('throttle', 'rateLimit', (op) => numberValue(op, false)),
    limit('throttle', 'burstLimit', (op) => numberValue(op, true)),
    limit('quota', 'limit', (op) => numberValue(op, true)),
    limit('quota', 'offset', (op) => numberValue(op, true)),
    limit('quota', 'period', requireValue),
    {
      path: '/apiStages',
      ops: ['add', 'remove'],
      prepare: (op) => {
        const { apiId, stage } = stageOf(op);
        if (op.op === 'add') {
          if (!gw.restApis.get(apiId)?.stages.has(stage)) {
            throw badRequest(
              `Invalid API Stage {api: ${apiId}, stage: ${stage}} specified for usageplan ${plan.id}`,
            );
          }
          return () => {
            if (!draft.apiStages.some((s) => s.apiId === apiId && s.stage === stage))
              draft.apiStages.push({ apiId, stage });
          };
        }
        if (!plan.apiStages.some((s) => s.apiId === apiId && s.stage === stage))
          throw badRequest('Invalid API Stage specified');
        return () => {
          draft.apiStages = draft.apiStages.filter((s) => s.apiId !== apiId || s.stage !== stage);
        };
      },
    },
  ];
}

/** Usage plans (throttle, quota, API stages) and the API keys attached to them. */
export function usagePlanOperations(gw: FakeApiGateway): Record<string, Handler> {
  return {
    CreateUsagePlan: (input) => {
      const id = randomId(6);
      for (const s of input.apiStages ?? []) {
        if (!gw.restApis.get(s.apiId)?.stages.has(s.stage)) {
          throw badRequest(
            `Invalid API Stage {api: ${s.apiId}, stage: ${s.stage}} specified for usageplan ${input.name}`,
          );
        }
      }
      const plan: UsagePlanRecord = {
        id,
        name: input.name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        apiStages: (input.apiStages ?? []).map((s: { apiId: string; stage: string }) => ({
          apiId: s.apiId,
          stage: s.stage,
        })),
        ...(input.throttle ? { throttle: { ...input.throttle } } : {}),
        ...(input.quota ? { quota: { offset: 0, ...input.quota } } : {}),
        tags: { ...(input.tags ?? {}) },
        keyIds: [],
      };
      checkLimits(plan);
      gw.usagePlans.set(id, plan);
      return describePlan(plan);
    },
    GetUsagePlan: (input) => describePlan(gw.requirePlan(input.usagePlanId)),
    GetUsagePlans: (input) => {
      const all = [...gw.usagePlans.values()].filter((p) => !input.keyId || p.keyIds.includes(input.keyId));
      const { items, position } = page(all, input);
      return { items: items.map(describePlan), ...(position ? { position } : {}) };
    },
    UpdateUsagePlan: (input) => {
      const plan = gw.requirePlan(input.usagePlanId);
      const draft = structuredClone(plan);
      applyPatch(input.patchOperations, planRules(gw, plan, draft));
      checkLimits(draft);
      Object.assign(plan, draft);
      if (!draft.throttle) delete plan.throttle;
      if (!draft.quota) delete plan.quota;
      return describePlan(plan);
    },
    DeleteUsagePlan: (input) => {
      const plan = gw.requirePlan(input.usagePlanId);
      const first = plan.apiStages[0];
      if (first) {
        throw badRequest(
          `Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${first.apiId}:${first.stage}`,
        );
      }
      gw.usagePlans.delete(plan.id);
      return {};
    },
    CreateUsagePlanKey: (input) => {
      const plan = gw.requirePlan(input.usagePlanId);
      if (input.keyType !== 'API_KEY') throw badRequest(`Invalid key type ${input.keyType}: must be API_KEY`);
      const key = gw.requireKey(input.keyId);
      if (plan.keyIds.includes(key.id))
        throw conflict(`Usage Plan ${plan.id} already contains API Key ${key.id}`);
      const shared = [...gw.usagePlans.values()].find(
        (other) =>
          other.keyIds.includes(key.id) &&
          other.apiStages.some((s) => plan.apiStages.some((t) => t.apiId === s.apiId && t.stage === s.stage)),
      );
      if (shared) {
        throw conflict(
          `Usage Plan ${plan.id} cannot be added because API Key ${key.id} cannot reference multiple Usage Plans with the same API Stage`,
        );
      }
      plan.keyIds.push(key.id);
      return { id: key.id, type: 'API_KEY', ...(key.name ? { name: key.name } : {}) };
    },
    GetUsagePlanKeys: (input) => {
      const plan = gw.requirePlan(input.usagePlanId);
      const keys = plan.keyIds
        .map((id) => gw.requireKey(id))
        .filter((k) => !input.nameQuery || k.name?.startsWith(input.nameQuery));
      const { items, position } = page(keys, input);
      return {
        items: items.map((k) => ({
          id: k.id,
          type: 'API_KEY',
          value: k.value,
          ...(k.name ? { name: k.name } : {}),
        })),
        ...(position ? { position } : {}),
      };
    },
    DeleteUsagePlanKey: (input) => {
      const plan = gw.requirePlan(input.usagePlanId);
      if (!plan.keyIds.includes(input.keyId)) throw notFound('Invalid Usage Plan Key identifier specified');
      plan.keyIds = plan.keyIds.filter((id) => id !== input.keyId);
      return {};
    },
  };
}
