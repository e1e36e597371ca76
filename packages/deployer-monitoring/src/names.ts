import type { ResolvedConfig } from '@mlship/core';

/** Alarm names are deterministic: `<app>-<env>-<metric>`, so a re-run finds them by name. */
export function alarmName(resolved: ResolvedConfig, metric: string): string {
  return `${resolved.config.name}-${resolved.env}-${metric}`;
}

export function dashboardName(resolved: ResolvedConfig): string {
  return `${resolved.config.name}-${resolved.env}`;
}

export function dashboardUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(name)}`;
}

export function mlshipTags(resolved: ResolvedConfig): Array<{ Key: string; Value: string }> {
  const extra = Object.entries(resolved.config.tags)
    .filter(([key]) => !key.startsWith('mlship:'))
    .map(([Key, Value]) => ({ Key, Value }));
  return [
    { Key: 'mlship:app', Value: resolved.config.name },
    { Key: 'mlship:env', Value: resolved.env },
    ...extra,
  ];
}
