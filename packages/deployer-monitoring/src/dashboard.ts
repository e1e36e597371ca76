import { endpointName, type Outputs, type ResolvedConfig } from '@mlship/core';

/** The proxy's Embedded Metric Format namespace (@mlship/lambda-proxy METRICS_NAMESPACE), dimension `endpoint`. */
const PROXY_NAMESPACE = 'mlship/proxy';

type MetricRow = Array<string | Record<string, unknown>>;

interface Widget {
  type: 'metric' | 'text';
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

function metric(region: string, title: string, metrics: MetricRow[], extra: Record<string, unknown> = {}) {
  return { view: 'timeSeries', stacked: false, region, title, metrics, period: 60, ...extra };
}

/**
 * The dashboard body `<app>-<env>`: endpoint traffic, latency, errors and instances; the proxy's duration, errors
 * and cache hit rate; the API Gateway's requests and latency when it is the front door. Two widgets per row.
 */
export function dashboardBody(
  resolved: ResolvedConfig,
  upstream: Record<string, Outputs>,
): Record<string, unknown> {
  const { config, env } = resolved;
  const region = config.region;
  const endpoint = endpointName(config.name, env);
  const ep = ['EndpointName', endpoint, 'VariantName', config.sagemaker.variantName];
  const panels: Array<Record<string, unknown>> = [
    metric(region, 'Invocations', [['AWS/SageMaker', 'Invocations', ...ep, { stat: 'Sum' }]]),
    metric(region, 'Model latency p50 / p99 (microseconds)', [
      ['AWS/SageMaker', 'ModelLatency', ...ep, { stat: 'p50', label: 'p50' }],
      ['...', { stat: 'p99', label: 'p99' }],
    ]),
    metric(region, 'Endpoint 4xx / 5xx', [
      ['AWS/SageMaker', 'Invocation4XXErrors', ...ep, { stat: 'Sum' }],
      ['.', 'Invocation5XXErrors', '.', '.', '.', '.', { stat: 'Sum' }],
    ]),
    metric(region, 'Instances (reporting CPU)', [
      ['/aws/sagemaker/Endpoints', 'CPUUtilization', ...ep, { stat: 'SampleCount', label: 'instances' }],
    ]),
  ];
  const functionName = upstream.lambda?.functionName;
  if (typeof functionName === 'string') {
    panels.push(
      metric(region, 'Proxy duration p50 / p99 (ms) and errors', [
        ['AWS/Lambda', 'Duration', 'FunctionName', functionName, { stat: 'p50', label: 'p50' }],
        ['...', { stat: 'p99', label: 'p99' }],
        ['.', 'Errors', '.', '.', { stat: 'Sum', yAxis: 'right' }],
      ]),
      metric(
        region,
        'Cache hit rate (%)',
        [
          [PROXY_NAMESPACE, 'CacheHit', 'endpoint', endpoint, { id: 'hit', stat: 'Sum', visible: false }],
          ['.', 'CacheMiss', '.', '.', { id: 'miss', stat: 'Sum', visible: false }],
          ['.', 'CacheBypass', '.', '.', { id: 'bypass', stat: 'Sum', visible: false }],
          [{ expression: '100 * hit / (hit + miss + bypass)', label: 'hit rate', id: 'rate' }],
        ],
        { yAxis: { left: { min: 0, max: 100 } } },
      ),
    );
  }
  const stageName = upstream.apigateway?.stageName;
  if (config.front === 'apigateway' && typeof stageName === 'string') {
    const api = ['ApiName', `${config.name}-${env}`, 'Stage', stageName];
    panels.push(
      metric(region, 'API Gateway requests and errors', [
        ['AWS/ApiGateway', 'Count', ...api, { stat: 'Sum' }],
        ['.', '4XXError', '.', '.', '.', '.', { stat: 'Sum' }],
        ['.', '5XXError', '.', '.', '.', '.', { stat: 'Sum' }],
      ]),
      metric(region, 'API Gateway latency p50 / p99 (ms)', [
        ['AWS/ApiGateway', 'Latency', ...api, { stat: 'p50', label: 'p50' }],
        ['...', { stat: 'p99', label: 'p99' }],
      ]),
    );
  }
  const widgets: Widget[] = panels.map((properties, i) => ({
    type: 'metric',
    x: (i % 2) * 12,
    y: Math.floor(i / 2) * 6,
    width: 12,
    height: 6,
    properties,
  }));
  return { widgets };
}
