import {
  type DeployContext,
  type DeployPlan,
  type Engine,
  type EngineOptions,
  isMlshipError,
  type Outputs,
  prepareEngine,
} from '@mlship/core';
import { type ApigeeOutcome, checkFrontDoor } from './front-door.js';
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
  /** The target that could not be read or planned (the later ones were not tried). */
  failed?: { target: string; error: unknown };
}

/** Reads and plans the targets as `deploy --dry-run` does, stopping at the first that cannot be planned. */
async function planTargets(engine: Engine): Promise<Planned> {
  const out: Planned = { plans: [], contexts: [] };
  const planned: Record<string, Outputs> = {};
  for (const { entry, deployer } of engine.targets) {
    const ctx = engine.context({ ...planned });
    try {
      const plan = deployer.plan(ctx, await deployer.read(ctx));
      out.plans.push(plan);
      out.contexts.push(ctx);
      planned[entry.name] = plan.plannedOutputs ?? {};
    } catch (error) {
      out.failed = { target: entry.name, error };
      break;
    }
  }
  return out;
}

/** The image row: the SageMaker target's read checks the tag in ECR (the deploy's own check). */
function imageRow(engine: Engine, planned: Planned): CheckRow {
  const index = engine.targets.findIndex(({ entry }) => entry.name === 'sagemaker');
  const uri = planned.plans[index]?.plannedOutputs?.imageUri;
  if (typeof uri === 'string') return ok('image', 'Image', `${uri} is in ECR`);
  const error = planned.failed?.target === 'sagemaker' ? planned.failed.error : undefined;
  if (isMlshipError(error) && error.code.startsWith('IMAGE_')) {
    return fail('image', 'Image', error.message, error.hint ?? 'Push the image to ECR.');
  }
  return warn('image', 'Image', 'Not checked: the SageMaker target could not be planned');
}

/** A target other than the image or the front door that could not be planned: the deploy would fail there too. */
function planRow(planned: Planned): CheckRow | undefined {
  const failed = planned.failed;
  if (!failed || failed.target === 'apigee') return undefined;
  if (isMlshipError(failed.error) && failed.error.code.startsWith('IMAGE_')) return undefined;
  const hint = isMlshipError(failed.error) ? failed.error.hint : undefined;
  return fail(
    'plan',
    `Plan (${failed.target})`,
    `Cannot be planned: ${errorMessage(failed.error)}`,
    hint ?? 'Run `mlship deploy --dry-run --debug` for the details.',
  );
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
  const apigee = apigeeOutcome(engine, planned);
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
  rows.push(imageRow(engine, planned));
  const plan = planRow(planned);
  if (plan) rows.push(plan);
  const front = await checkFrontDoor(ctx, engine.lastOutputs, apigee);
  if (front) rows.push(front);
  return { ...report(ctx, rows), ...(requestId ? { increaseRequestId: requestId } : {}) };
}

function apigeeOutcome(engine: Engine, planned: Planned): ApigeeOutcome {
  if (planned.failed?.target === 'apigee') return { error: planned.failed.error };
  const index = engine.targets.findIndex(({ entry }) => entry.name === 'apigee');
  if (index < 0) return 'not-installed';
  return planned.plans[index] ? 'readable' : 'not-reached';
}

function report(ctx: DeployContext, rows: CheckRow[]): DoctorReport {
  return { env: ctx.resolved.env, rows, summary: summary(rows) };
}
