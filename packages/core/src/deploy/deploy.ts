import { userError } from '../errors.js';
import { step } from './aws-errors.js';
import { type EngineOptions, prepareEngine } from './context.js';
import type { DeployContext, DeployPlan, Outputs } from './contract.js';
import { hasChanges } from './contract.js';
import type { LoadedTarget } from './deployer-loader.js';
import { maskSecrets, writeOutputs } from './outputs-file.js';
import {
  renderPlan,
  renderSummary,
  summarisePlan,
  summariseTargets,
  type TargetSummary,
} from './render-plan.js';

export interface DeployOptions extends EngineOptions {
  /** Apply without asking in an interactive terminal. */
  yes?: boolean;
  /**
   * Checks run after planning and before anything is applied (the CLI passes `mlship doctor`'s preflight); it
   * throws to stop the deploy with nothing changed. Not run for a dry run or a plan without changes.
   */
  preflight?: Preflight;
  /** Do not run the preflight; a notice says what was not checked. */
  skipPreflight?: boolean;
  /** Print secret outputs (an Apigee origin secret, …) as they are instead of masked; they are never written. */
  showSecrets?: boolean;
}

export interface PreflightInput {
  plans: DeployPlan[];
  targets: LoadedTarget[];
  /** The context each target's plan was made with (upstream = the planned outputs before it). */
  contexts: DeployContext[];
}

export type Preflight = (input: PreflightInput) => Promise<void>;

export interface DeployResult {
  env: string;
  dryRun: boolean;
  changed: boolean;
  plans: DeployPlan[];
  outputs: Record<string, Outputs>;
  /** What each target did (or, in a dry run, would do). */
  summary: TargetSummary[];
  outputsFile?: string;
}

/** Plans every target, prints the plan, and (unless dry-run) applies it in order, each target feeding the next. */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const { host } = options;
  const engine = await prepareEngine(options);
  const env = engine.resolved.env;

  const plans: DeployPlan[] = [];
  const contexts: DeployContext[] = [];
  const planned: Record<string, Outputs> = {};
  for (const { entry, deployer } of engine.targets) {
    const ctx = engine.context({ ...planned });
    const current = await step(entry.name, () => deployer.read(ctx));
    const plan = deployer.plan(ctx, current);
    plans.push(plan);
    contexts.push(ctx);
    planned[entry.name] = plan.plannedOutputs ?? {};
  }

  const changed = plans.some(hasChanges);
  const counts = summarisePlan(plans);
  const summary = summariseTargets(plans);
  host.notify({
    // Without changes the result says so; the plan goes to --debug only, so nothing is printed twice.
    level: changed ? 'info' : 'debug',
    code: 'PLAN',
    message: changed ? `Plan for ${env}:\n${renderPlan(plans)}` : `Plan for ${env}: no changes`,
    data: { plans: publicPlans(plans), counts },
  });

  if (options.dryRun) {
    const result: DeployResult = { env, dryRun: true, changed, plans, outputs: {}, summary };
    host.result(
      { ...result, plans: publicPlans(plans) },
      changed
        ? `Dry run: nothing was changed.\n${renderSummary(summary, true)}`
        : `${env}: no changes\n${renderSummary(summary, true)}`,
    );
    return result;
  }
  if (changed && options.skipPreflight) {
    host.notify({
      level: 'warn',
      code: 'PREFLIGHT_SKIPPED',
      message:
        'Preflight skipped (--skip-preflight): instance quotas, the execution role (trust, image pull) and the permissions of the planned calls were not checked; `mlship doctor` checks them.',
    });
  } else if (changed && options.preflight) {
    await options.preflight({ plans, targets: engine.targets, contexts });
  }
  if (changed && host.interactive && !options.yes) {
    const go = await host.confirm(
      `Apply ${counts.create + counts.update + counts.delete} change(s) to ${env}?`,
      {
        default: true,
      },
    );
    if (!go) throw userError('ABORTED', 'Deploy cancelled; nothing was changed.');
  }

  const outputs: Record<string, Outputs> = {};
  for (const [index, { entry, deployer }] of engine.targets.entries()) {
    const plan = plans[index]!;
    outputs[entry.name] = await step(entry.name, () => deployer.apply(plan, engine.context({ ...outputs })));
  }
  const outputsFile = await writeOutputs(engine.resolved.file, env, outputs);
  const result: DeployResult = { env, dryRun: false, changed, plans, outputs, summary, outputsFile };
  const shown = (options.showSecrets ? outputs : maskSecrets(outputs)) as Record<string, Outputs>;
  host.result(
    { ...result, outputs: shown, plans: publicPlans(plans) },
    renderOutputs(env, changed, summary, shown, outputsFile),
  );
  return result;
}

function renderOutputs(
  env: string,
  changed: boolean,
  summary: TargetSummary[],
  outputs: Record<string, Outputs>,
  outputsFile: string,
): string {
  const lines = [changed ? `Deployed ${env}:` : `${env}: no changes`, renderSummary(summary, false)];
  for (const [target, values] of Object.entries(outputs)) {
    for (const [key, value] of Object.entries(values)) lines.push(`  ${target}.${key}: ${String(value)}`);
  }
  lines.push(`Outputs written to ${outputsFile}`);
  return lines.join('\n');
}

/** Plans without their target-specific detail (which may hold container environment values). */
function publicPlans(plans: DeployPlan[]): Array<Pick<DeployPlan, 'target' | 'changes'>> {
  return plans.map(({ target, changes }) => ({ target, changes }));
}
