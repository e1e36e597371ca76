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
