import { endpointName, type Outputs, type ResolvedConfig, userError } from '@mlship/core';

export type LogTarget = 'sagemaker' | 'lambda' | 'apigateway';
export const LOG_TARGETS: readonly LogTarget[] = ['sagemaker', 'lambda', 'apigateway'];

export interface LogSource {
  target: LogTarget;
  /** Short label printed before each line. */
  label: string;
  group: string;
}

/** `log-group:<name>` from a CloudWatch Logs ARN (with or without the trailing `:*`). */
function groupFromArn(arn: string): string | undefined {
  return /:log-group:([^:]+)/.exec(arn)?.[1];
}

/**
 * The log groups of what mlship deployed: the endpoint's, the proxy function's, and the API Gateway stage's
 * execution and access logs. Names come from the outputs file; the endpoint's and function's are deterministic.
 */
export function logSources(resolved: ResolvedConfig, outputs: Record<string, Outputs>): LogSource[] {
  const { config, env } = resolved;
  const endpoint = (outputs.sagemaker?.endpointName as string | undefined) ?? endpointName(config.name, env);
  const sources: LogSource[] = [
    { target: 'sagemaker', label: 'sagemaker', group: `/aws/sagemaker/Endpoints/${endpoint}` },
  ];
  if (config.front !== 'none') {
    const fn = (outputs.lambda?.functionName as string | undefined) ?? `${config.name}-${env}-proxy`;
    sources.push({ target: 'lambda', label: 'lambda', group: `/aws/lambda/${fn}` });
  }
  if (config.front === 'apigateway') {
    const restApiId = outputs.apigateway?.restApiId as string | undefined;
    const stage = outputs.apigateway?.stageName as string | undefined;
    if (restApiId && stage) {
      sources.push({
        target: 'apigateway',
        label: 'apigateway',
        group: `API-Gateway-Execution-Logs_${restApiId}/${stage}`,
      });
    }
    const access = config.api.apigateway?.accessLogs?.destinationArn;
    const accessGroup = access ? groupFromArn(access) : undefined;
    if (accessGroup) sources.push({ target: 'apigateway', label: 'apigateway-access', group: accessGroup });
  }
  return sources;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since`: a duration back from now (30s, 10m, 2h, 1d) or an ISO 8601 time; returns epoch milliseconds. */
export function parseSince(since: string, now: number): number {
  const match = /^(\d+)([smhd])$/.exec(since.trim());
  if (match) return now - Number(match[1]) * (UNITS[match[2] as string] ?? 0);
  const time = Date.parse(since);
  if (/^\d{4}-\d{2}-\d{2}/.test(since) && Number.isFinite(time)) return time;
  throw userError(
    'LOGS_BAD_SINCE',
    `--since ${JSON.stringify(since)} is not a duration such as 10m or an ISO 8601 time.`,
    'Pass --since 10m, 2h, 1d or a time such as 2026-01-01T10:00:00Z.',
  );
}
