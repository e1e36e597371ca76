import {
  type DeployContext,
  type DeployPlan,
  type EngineOptions,
  isMlshipError,
  type Outputs,
  prepareEngine,
} from '@mlship/core';
import { checkFrontDoor } from './front-door.js';
import { checkIdentity } from './identity.js';
import { needFromPlan } from './need.js';
import { declaredPermissions } from './permissions.js';
import { checkPrincipal } from './principal.js';
import { checkQuota, needFromConfig } from './quotas.js';
import { summary } from './render.js';
import { requestIncrease } from './request-increase.js';
import { checkRole } from './role.js';
import { type CheckRow, errorMessage, fail, ok, warn } from './types.js';

export interface DoctorReport {
  env: string;
  rows: CheckRow[];
  summary: { ok: number; fail: number; warn: number };
  /** The Service Quotas request `--request-increase` filed. */
  increaseRequestId?: string;
}

export interface DoctorOptions extends EngineOptions {
  /** File the increase a short quota needs (asked in a terminal unless `yes`). */
  requestIncrease?: boolean;
  yes?: boolean;
}

interface Planned {
  plans: DeployPlan[];
  contexts: DeployContext[];
  /** The image row, from the SageMaker target's read (today's ECR check). */
  image?: CheckRow;
  failure?: CheckRow;
}

/** Reads and plans the targets as `deploy --dry-run` does, stopping at the first that cannot be planned. */
async function planTargets(engine: Awaited<ReturnType<typeof prepareEngine>>): Promise<Planned> {
  const out: Planned = { plans: [], contexts: [] };
  const planned: Record<string, Outputs> = {};
  for (const { entry, deployer } of engine.targets) {
    const ctx = engine.context({ ...planned });
    try {
      const plan = deployer.plan(ctx, await deployer.read(ctx));
      out.plans.push(plan);
      out.contexts.push(ctx);
      planned[entry.name] = plan.plannedOutputs ?? {};
      if (entry.name === 'sagemaker' && typeof plan.plannedOutputs?.imageUri === 'string') {
        out.image = ok('image', 'Image', `${plan.plannedOutputs.imageUri} is in ECR`);
      }
    } catch (error) {
      const code = isMlshipError(error) ? error.code : '';
      const hint = isMlshipError(error) ? error.hint : undefined;
      const row = code.startsWith('IMAGE_')
        ? fail('image', 'Image', errorMessage(error), hint ?? 'Push the image to ECR.')
        : warn('plan', `Plan (${entry.name})`, `Not planned: ${errorMessage(error)}`, hint);
      if (row.check === 'image') out.image = row;
      else out.failure = row;
      break;
    }
  }
  return out;
}

/** `mlship doctor`: every check in the order a deploy needs them; nothing is changed. */
export async function doctor(options: DoctorOptions): Promise<DoctorReport> {
  const engine = await prepareEngine({ ...options, wait: false });
  const ctx = engine.context({});
  const rows: CheckRow[] = [];
  const { row: identityRow, identity } = await checkIdentity(ctx);
  rows.push(identityRow);
  if (!identity) {
    return report(ctx, [...rows, warn('rest', 'Other checks', 'Not run: they need working AWS credentials')]);
  }
  const planned = await planTargets(engine);
  const sagemakerIndex = engine.targets.findIndex(({ entry }) => entry.name === 'sagemaker');
  const sagemakerPlan = planned.plans[sagemakerIndex];
  const need = sagemakerPlan ? needFromPlan(ctx, sagemakerPlan) : needFromConfig(ctx);
  const quota = await checkQuota(ctx, need ?? { ...needFromConfig(ctx), count: 0, blueGreen: false });
  rows.push(quota);
  const requestId = options.requestIncrease
    ? await requestIncrease(ctx, quota, Boolean(options.yes))
    : undefined;
  rows.push(await checkRole(ctx));
  const declared = declaredPermissions(engine.targets, (i) => planned.contexts[i] ?? engine.context({}));
  rows.push(await checkPrincipal(ctx, identity, declared.permissions, declared.undeclared));
  rows.push(planned.image ?? warn('image', 'Image', 'Not checked'));
  if (planned.failure) rows.push(planned.failure);
  const front = await checkFrontDoor(ctx, engine.lastOutputs);
  if (front) rows.push(front);
  return { ...report(ctx, rows), ...(requestId ? { increaseRequestId: requestId } : {}) };
}

function report(ctx: DeployContext, rows: CheckRow[]): DoctorReport {
  return { env: ctx.resolved.env, rows, summary: summary(rows) };
}
