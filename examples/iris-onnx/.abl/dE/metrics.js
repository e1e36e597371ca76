/**
 * A small Prometheus registry (text exposition format 0.0.4). Hand-written so the per-request cost stays
 * at a couple of map look-ups; label sets are bounded (route patterns and status codes only).
 */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
class Series {
    create;
    byKey = new Map();
    constructor(create) {
        this.create = create;
    }
    get(key, labels) {
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
export class Histogram {
    name;
    help;
    buckets;
    series = new Series(() => ({
        counts: new Array(this.buckets.length).fill(0),
        sum: 0,
        count: 0,
    }));
    constructor(name, help, buckets = LATENCY_BUCKETS) {
        this.name = name;
        this.help = help;
        this.buckets = buckets;
    }
    observe(seconds, key = '', labels = () => ({})) {
        const value = this.series.get(key, labels);
        value.sum += seconds;
        value.count += 1;
        const buckets = this.buckets;
        for (let i = 0; i < buckets.length; i++) {
            if (seconds <= buckets[i]) {
                value.counts[i] += 1;
                break;
            }
        }
    }
    render() {
        const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
        for (const { labels, value } of this.series.entries()) {
            let cumulative = 0;
            this.buckets.forEach((le, i) => {
                cumulative += value.counts[i];
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
    name;
    help;
    series = new Series(() => ({ n: 0 }));
    constructor(name, help) {
        this.name = name;
        this.help = help;
    }
    inc(amount = 1, key = '', labels = () => ({})) {
        this.series.get(key, labels).n += amount;
    }
    render() {
        const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
        for (const { labels, value } of this.series.entries())
            lines.push(`${this.name}${format(labels)} ${value.n}`);
        return lines.join('\n');
    }
}
export class Gauge {
    name;
    help;
    read;
    constructor(name, help, read) {
        this.name = name;
        this.help = help;
        this.read = read;
    }
    render() {
        return [
            `# HELP ${this.name} ${this.help}`,
            `# TYPE ${this.name} gauge`,
            `${this.name} ${this.read()}`,
        ].join('\n');
    }
}
export function createMetrics(gauges) {
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
        new Gauge('model_loaded', '1 once the model is loaded and the server is ready.', () => gauges.modelLoaded() ? 1 : 0),
        new Gauge('model_predictions_in_flight', 'Predictions running or queued.', gauges.inFlight),
        new Gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', () => process.memoryUsage.rss()),
        new Gauge('process_uptime_seconds', 'Seconds since the process started.', () => process.uptime()),
    ];
    return {
        observeRequest(route, method, status, seconds) {
            const key = `${method} ${route} ${status}`;
            requests.inc(1, key, () => ({ route, method, status: String(status) }));
            if (status >= 400)
                errors.inc(1, key, () => ({ route, method, status: String(status) }));
            latency.observe(seconds, route, () => ({ route }));
        },
        observeInference(seconds, count) {
            inference.observe(seconds);
            rows.inc(count);
        },
        render: () => `${all.map((metric) => metric.render()).join('\n')}\n`,
    };
}
function format(labels) {
    const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
    return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}
function escapeLabel(value) {
    return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}
//# sourceMappingURL=metrics.js.map