import type { ResolvedConfig } from './schema.js';

/** The endpoint alarms mlship creates (`<app>-<env>-<metric>`), in the order they are passed to SageMaker. */
export const ENDPOINT_ALARM_METRICS = [
  'invocation-5xx-errors',
  'model-latency-p99',
  'invocation-4xx-errors',
] as const;

/**
 * The CloudWatch alarms that roll a blue/green deploy of this environment back: for canary and linear deploys
 * mlship's endpoint alarms (unless monitoring is off), monitoring.extraAlarms and sagemaker.deployment.rollbackAlarms;
 * for all-at-once only the named rollbackAlarms (nothing bakes long enough for the others to fire).
 */
export function guardAlarms({ config, env }: ResolvedConfig): string[] {
  const { deployment } = config.sagemaker;
  if (deployment.strategy === 'all-at-once') return [...deployment.rollbackAlarms];
  const own = config.monitoring.enabled
    ? [
        ...ENDPOINT_ALARM_METRICS.map((metric) => `${config.name}-${env}-${metric}`),
        ...config.monitoring.extraAlarms,
      ]
    : [];
  return [...new Set([...own, ...deployment.rollbackAlarms])];
}
