import { guardAlarms } from './guard-alarms.js';
import { instancePrice, monthlyEstimate } from './instance-types.js';
import { formatProblem, type Problem } from './problems.js';
import type { ResolvedConfig } from './schema.js';
import { toYamlText } from './yaml-text.js';

function usd(amount: number): string {
  return `$${amount.toFixed(amount < 10 ? 3 : 2)}`;
}

/** One line on the cost of an environment's instances, or a note that no price is known. */
export function costSummary({ config }: ResolvedConfig): string {
  const { type, count } = config.sagemaker.instance;
  const hourly = instancePrice(type, config.region);
  const monthly = monthlyEstimate(type, config.region, count);
  if (hourly === undefined || monthly === undefined)
    return `${count} x ${type}: no price known in ${config.region}`;
  return `${count} x ${type} at ~${usd(hourly)}/h = ~${usd(monthly)}/month on demand in ${config.region} (approximate)`;
}

/** The resolved settings of each environment as commented YAML, for people. */
export function renderResolvedText(environments: readonly ResolvedConfig[]): string {
  return environments
    .map((resolved) => {
      const header = [
        `# environment: ${resolved.env} (front: ${resolved.config.front})`,
        `# cost: ${costSummary(resolved)}`,
        `# rollback alarms (${resolved.config.sagemaker.deployment.strategy}): ${guardAlarms(resolved).join(', ') || 'none'}`,
      ];
      return `${header.join('\n')}\n${toYamlText(resolved.config)}`;
    })
    .join('---\n');
}

/**
 * The resolved settings as a JSON-ready object: `{ file, environments: { <env>: settings }, rollbackAlarms: { <env>:
 * alarm names }, warnings }`.
 */
export function resolvedJson(environments: readonly ResolvedConfig[], warnings: readonly Problem[]): unknown {
  return {
    file: environments[0]?.file,
    environments: Object.fromEntries(environments.map(({ env, config }) => [env, config])),
    rollbackAlarms: Object.fromEntries(environments.map((resolved) => [resolved.env, guardAlarms(resolved)])),
    warnings: warnings.map((warning) => ({ ...warning, text: formatProblem(warning) })),
  };
}
