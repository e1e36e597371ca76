export type CacheStatus = 'HIT' | 'MISS' | 'BYPASS';

export interface RequestMetrics {
  endpointName: string;
  cache: CacheStatus | undefined;
  statusCode: number;
  modelLatencyMs: number | undefined;
  totalLatencyMs: number;
  requestId: string;
}

export const METRICS_NAMESPACE = 'mlship/proxy';

/** One CloudWatch Embedded Metric Format line: CloudWatch turns it into metrics with no API call. */
export function emfLine(m: RequestMetrics, timestamp: number): string {
  const values: Record<string, number> = {};
  const units: { Name: string; Unit: string }[] = [];
  if (m.cache) {
    for (const status of ['HIT', 'MISS', 'BYPASS'] as const) {
      const name = `Cache${status[0]}${status.slice(1).toLowerCase()}`;
      values[name] = m.cache === status ? 1 : 0;
      units.push({ Name: name, Unit: 'Count' });
    }
  }
  if (m.modelLatencyMs !== undefined) {
    values.ModelLatency = round(m.modelLatencyMs);
    units.push({ Name: 'ModelLatency', Unit: 'Milliseconds' });
  }
  values.TotalLatency = round(m.totalLatencyMs);
  units.push({ Name: 'TotalLatency', Unit: 'Milliseconds' });
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['endpoint']], Metrics: units }],
    },
    endpoint: m.endpointName,
    ...values,
    statusCode: m.statusCode,
    requestId: m.requestId,
  });
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
