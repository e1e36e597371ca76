/**
 * A small Prometheus registry (text exposition format 0.0.4). Hand-written so the per-request cost stays
 * at a couple of map look-ups; label sets are bounded (route patterns and status codes only).
 */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

type Labels = Record<string, string>;

class Series<T> {
  private readonly byKey = new Map<string, { labels: Labels; value: T }>();
  constructor(private readonly create: () => T) {}

  get(key: string, labels: () => Labels): T {
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { labels: labels(), value: this.create() };
      this.byKey.set(key, entry);
    }
    return entry.value;
  }

  entries() {
    return [...this.byKey.values()];
  }
}

interface HistogramValue {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram {
  private readonly series = new Series<HistogramValue>(() => ({
    counts: new Array<number>(this.buckets.length).fill(0),
    sum: 0,
    count: 0,
  }));

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: number[] = LATENCY_BUCKETS,
  ) {}

  observe(seconds: number, key = '', labels: () => Labels = () => ({})): void {
    this.record(this.series.get(key, labels), seconds);
  }

  /** The value of one label set, to record into without a look-up per observation. */
  valueFor(key: string, labels: () => Labels): HistogramValue {
    return this.series.get(key, labels);
  }

  record(value: HistogramValue, seconds: number): void {
    value.sum += seconds;
    value.count += 1;
    const buckets = this.buckets;
    for (let i = 0; i < buckets.length; i++) {
      if (seconds <= buckets[i]!) {
        value.counts[i]! += 1;
        break;
      }
    }
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, value } of this.series.entries()) {
      let cumulative = 0;
      this.buckets.forEach((le, i) => {
        cumulative += value.counts[i]!;
        lines.push(`${this.name}_bucket${format({ ...labels, le: String(le) })} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket${format({ ...labels, le: '+Inf' })} ${value.count}`);
      lines.push(`${this.name}_sum${format(labels)} ${value.sum}`);
      lines.push(`${this.name}_count${format(labels)} ${value.count}`);
    }
    return lines.join('\n');
  }
}

export class Counter {
  private readonly series = new Series<{ n: number }>(() => ({ n: 0 }));
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(amount = 1, key = '', labels: () => Labels = () => ({})): void {
    this.series.get(key, labels).n += amount;
  }

  /** The value of one label set, to increment without a look-up per request. */
  valueFor(key: string, labels: () => Labels): { n: number } {
    return this.series.get(key, labels);
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.series.entries())
      lines.push(`${this.name}${format(labels)} ${value.n}`);
    return lines.join('\n');
  }
}

export class Gauge {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => number,
  ) {}

  render(): string {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} gauge`,
      `${this.name} ${this.read()}`,
    ].join('\n');
  }
}

export interface ServerMetrics {
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  observeInference(seconds: number, rows: number): void;
  render(): string;
}

export function createMetrics(gauges: { modelLoaded: () => boolean; inFlight: () => number }): ServerMetrics {
  const requests = new Counter('http_requests_total', 'HTTP requests by route, method and status code.');
  const errors = new Counter('http_request_errors_total', 'HTTP requests answered with a 4xx or 5xx status.');
  const latency = new Histogram('http_request_duration_seconds', 'Time to answer an HTTP request.');
  const inference = new Histogram('model_inference_duration_seconds', 'Time spent running the model.');
  const rows = new Counter('model_inference_rows_total', 'Instances (rows) the model has predicted.');
  const all = [
    requests,
    errors,
    latency,
    inference,
    rows,
    new Gauge('model_loaded', '1 once the model is loaded and the server is ready.', () =>
      gauges.modelLoaded() ? 1 : 0,
    ),
    new Gauge('model_predictions_in_flight', 'Predictions running or queued.', gauges.inFlight),
    new Gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', () =>
      process.memoryUsage.rss(),
    ),
    new Gauge('process_uptime_seconds', 'Seconds since the process started.', () => process.uptime()),
  ];
  // One look-up per request: the series of each (method, route, status) are found once and kept here.
  const cells = new Map<
    string,
    { requests: { n: number }; errors: { n: number } | undefined; latency: HistogramValue }
  >();
  return {
    observeRequest(route, method, status, seconds) {
      const key = `${method} ${route} ${status}`;
      let cell = cells.get(key);
      if (!cell) {
        const labels = () => ({ route, method, status: String(status) });
        cell = {
          requests: requests.valueFor(key, labels),
          errors: status >= 400 ? errors.valueFor(key, labels) : undefined,
          latency: latency.valueFor(route, () => ({ route })),
        };
        cells.set(key, cell);
      }
      cell.requests.n += 1;
      if (cell.errors) cell.errors.n += 1;
      latency.record(cell.latency, seconds);
    },
    observeInference(seconds, count) {
      inference.observe(seconds);
      rows.inc(count);
    },
    render: () => `${all.map((metric) => metric.render()).join('\n')}\n`,
  };
}

function format(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}
