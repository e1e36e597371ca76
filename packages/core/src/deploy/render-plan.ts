import type { Change, DeployPlan } from './contract.js';

const SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', delete: '-', noop: '=' };

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The plan as a readable diff: `+ create`, `~ update` with field-level before → after, `- delete`. */
export function renderPlan(plans: DeployPlan[]): string {
  const lines: string[] = [];
  for (const plan of plans) {
    const changes = plan.changes.filter((change) => change.action !== 'noop');
    lines.push(`${plan.target}: ${changes.length === 0 ? 'no changes' : `${changes.length} change(s)`}`);
    for (const change of changes) {
      lines.push(`  ${SYMBOL[change.action]} ${change.resource} ${change.id}  (${change.reason})`);
      for (const diff of change.diff ?? []) {
        lines.push(`      ${diff.field}: ${show(diff.before)} → ${show(diff.after)}`);
      }
    }
  }
  return lines.join('\n');
}

export function summarisePlan(plans: DeployPlan[]): Record<Change['action'], number> {
  const counts = { create: 0, update: 0, delete: 0, noop: 0 };
  for (const plan of plans) for (const change of plan.changes) counts[change.action]++;
  return counts;
}

/** What one target did in a deploy: `unchanged`, or how many resources it created, updated and deleted. */
export interface TargetSummary {
  target: string;
  result: 'created' | 'updated' | 'unchanged';
  created: number;
  updated: number;
  deleted: number;
}

export function summariseTargets(plans: DeployPlan[]): TargetSummary[] {
  return plans.map((plan) => {
    const counts = summarisePlan([plan]);
    const changed = counts.create + counts.update + counts.delete > 0;
    const onlyCreates = counts.create > 0 && counts.update + counts.delete + counts.noop === 0;
    return {
      target: plan.target,
      result: onlyCreates ? 'created' : changed ? 'updated' : 'unchanged',
      created: counts.create,
      updated: counts.update,
      deleted: counts.delete,
    };
  });
}

/** One line per target, e.g. `  sagemaker: created (3 created)` or `  lambda: updated (1 updated, 1 deleted)`. */
export function renderSummary(summary: TargetSummary[], planned: boolean): string {
  return summary
    .map((item) => {
      const counts = (['created', 'updated', 'deleted'] as const)
        .filter((key) => item[key] > 0)
        .map((key) => `${item[key]} ${planned ? `to ${key.replace(/d$/, '')}` : key}`);
      const verb = planned && item.result !== 'unchanged' ? `would be ${item.result}` : item.result;
      return `  ${item.target}: ${verb}${counts.length > 0 ? ` (${counts.join(', ')})` : ''}`;
    })
    .join('\n');
}
