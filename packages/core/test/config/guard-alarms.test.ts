import { describe, expect, it } from 'vitest';
import { guardAlarms, renderResolvedText, resolvedEnvironmentSchema, resolvedJson } from '../../src/index.js';

// biome-ignore lint/suspicious/noExplicitAny: release.yaml overlay in tests
function env(name: string, overlay: Record<string, any> = {}) {
  const { deployment, ...rest } = overlay;
  const config = resolvedEnvironmentSchema.parse({
    name: 'iris',
    model: { framework: 'onnx' },
    region: 'eu-central-1',
    image: { repository: 'iris' },
    sagemaker: {
      executionRoleArn: 'arn:aws:iam::123456789012:role/x',
      ...(deployment ? { deployment } : {}),
    },
    ...rest,
  });
  return { env: name, file: 'release.yaml', config };
}

describe('which alarms guard an environment', () => {
  it('canary and linear deploys: the endpoint alarms, extra alarms and named rollback alarms', () => {
    const prod = env('prod', {
      deployment: { strategy: 'canary', rollbackAlarms: ['slo'] },
      monitoring: { extraAlarms: ['queue-depth'] },
    });
    expect(guardAlarms(prod)).toEqual([
      'iris-prod-invocation-5xx-errors',
      'iris-prod-model-latency-p99',
      'iris-prod-invocation-4xx-errors',
      'queue-depth',
      'slo',
    ]);
  });

  it('all-at-once keeps only the named ones; monitoring off drops mlship’s', () => {
    expect(guardAlarms(env('dev', { deployment: { rollbackAlarms: ['slo'] } }))).toEqual(['slo']);
    expect(
      guardAlarms(env('qa', { deployment: { strategy: 'linear' }, monitoring: { enabled: false } })),
    ).toEqual([]);
  });

  it('validate prints them per environment (text and JSON)', () => {
    const envs = [env('dev'), env('prod', { deployment: { strategy: 'linear' } })];
    const text = renderResolvedText(envs);
    expect(text).toContain('# rollback alarms (all-at-once): none');
    expect(text).toContain(
      '# rollback alarms (linear): iris-prod-invocation-5xx-errors, iris-prod-model-latency-p99, iris-prod-invocation-4xx-errors',
    );
    expect((resolvedJson(envs, []) as { rollbackAlarms: unknown }).rollbackAlarms).toEqual({
      dev: [],
      prod: [
        'iris-prod-invocation-5xx-errors',
        'iris-prod-model-latency-p99',
        'iris-prod-invocation-4xx-errors',
      ],
    });
  });
});
