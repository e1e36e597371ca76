import { endpointName, type Outputs, type ResolvedConfig } from '@mlship/core';
import { alarmName } from './names.js';

/** One alarm as mlship defines it: the PutMetricAlarm fields it sets, compared field by field on a re-run. */
export interface AlarmSpec {
  AlarmName: string;
  AlarmDescription: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Array<{ Name: string; Value: string }>;
  Statistic?: 'Sum' | 'Average' | 'Maximum';
  ExtendedStatistic?: string;
  Period: number;
  EvaluationPeriods: number;
  DatapointsToAlarm: number;
  Threshold: number;
  ComparisonOperator: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold';
  TreatMissingData: 'notBreaching';
  ActionsEnabled: boolean;
  AlarmActions: string[];
  OKActions: string[];
}

type Base = Omit<AlarmSpec, 'ActionsEnabled' | 'AlarmActions' | 'OKActions' | 'TreatMissingData'>;

function finish(resolved: ResolvedConfig, base: Base): AlarmSpec {
  const topic = resolved.config.monitoring.snsTopicArn;
  return {
    ...base,
    TreatMissingData: 'notBreaching',
    ActionsEnabled: true,
    AlarmActions: topic ? [topic] : [],
    OKActions: topic ? [topic] : [],
  };
}

/** ModelLatency is reported in microseconds; the default threshold is 80 % of the model timeout. */
export function latencyThresholdMs(resolved: ResolvedConfig): number {
  const { monitoring, model } = resolved.config;
  return monitoring.thresholds.modelLatencyP99Ms ?? Math.round(model.timeoutSeconds * 1000 * 0.8);
}

/**
 * The endpoint's alarms: the ones SageMaker watches during a canary or linear deploy (AutoRollbackConfiguration).
 * Short periods so a bad canary is caught within its baking period.
 */
export function endpointAlarmSpecs(resolved: ResolvedConfig): AlarmSpec[] {
  if (!resolved.config.monitoring.enabled) return [];
  const { thresholds } = resolved.config.monitoring;
  const Dimensions = [
    { Name: 'EndpointName', Value: endpointName(resolved.config.name, resolved.env) },
    { Name: 'VariantName', Value: resolved.config.sagemaker.variantName },
  ];
  const sm = { Namespace: 'AWS/SageMaker', Dimensions };
  return [
    finish(resolved, {
      ...sm,
      AlarmName: alarmName(resolved, 'invocation-5xx-errors'),
      AlarmDescription:
        'mlship: the model container answered 5xx (errors or crashes); rolls a blue/green deploy back',
      MetricName: 'Invocation5XXErrors',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: thresholds.endpoint5xxErrors,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
    finish(resolved, {
      ...sm,
      AlarmName: alarmName(resolved, 'model-latency-p99'),
      AlarmDescription: `mlship: model latency p99 above ${latencyThresholdMs(resolved)} ms in 2 of 3 minutes`,
      MetricName: 'ModelLatency',
      ExtendedStatistic: 'p99',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: latencyThresholdMs(resolved) * 1000,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
    finish(resolved, {
      ...sm,
      AlarmName: alarmName(resolved, 'invocation-4xx-errors'),
      AlarmDescription: 'mlship: many requests the model rejected (4xx) in 5 minutes',
      MetricName: 'Invocation4XXErrors',
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: thresholds.endpoint4xxErrors,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
  ];
}

function upstreamString(outputs: Outputs | undefined, key: string): string | undefined {
  const value = outputs?.[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The Lambda proxy's and the front door's alarms (the monitoring target's own), from the upstream outputs. */
export function edgeAlarmSpecs(resolved: ResolvedConfig, upstream: Record<string, Outputs>): AlarmSpec[] {
  if (!resolved.config.monitoring.enabled) return [];
  const { thresholds } = resolved.config.monitoring;
  const specs: AlarmSpec[] = [];
  const functionName = upstreamString(upstream.lambda, 'functionName');
  if (functionName) {
    const lambda = { Namespace: 'AWS/Lambda', Dimensions: [{ Name: 'FunctionName', Value: functionName }] };
    const common = { Statistic: 'Sum' as const, Period: 300, EvaluationPeriods: 1, DatapointsToAlarm: 1 };
    specs.push(
      finish(resolved, {
        ...lambda,
        ...common,
        AlarmName: alarmName(resolved, 'lambda-errors'),
        AlarmDescription: 'mlship: the Lambda proxy failed invocations (crashes, timeouts) in 5 minutes',
        MetricName: 'Errors',
        Threshold: thresholds.lambdaErrors,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
      finish(resolved, {
        ...lambda,
        ...common,
        AlarmName: alarmName(resolved, 'lambda-throttles'),
        AlarmDescription: 'mlship: Lambda throttled proxy invocations (concurrency limit) in 5 minutes',
        MetricName: 'Throttles',
        Threshold: thresholds.lambdaThrottles,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
  }
  const stageName = upstreamString(upstream.apigateway, 'stageName');
  if (resolved.config.front === 'apigateway' && stageName) {
    specs.push(
      finish(resolved, {
        Namespace: 'AWS/ApiGateway',
        Dimensions: [
          { Name: 'ApiName', Value: `${resolved.config.name}-${resolved.env}` },
          { Name: 'Stage', Value: stageName },
        ],
        AlarmName: alarmName(resolved, 'apigateway-5xx-errors'),
        AlarmDescription: 'mlship: API Gateway answered 5xx in 5 minutes',
        MetricName: '5XXError',
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        Threshold: thresholds.apigateway5xxErrors,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
  }
  return specs;
}

/** Every alarm name mlship may have created for the environment (for status and destroy). */
export function allAlarmNames(resolved: ResolvedConfig): string[] {
  const metrics = [
    'invocation-5xx-errors',
    'model-latency-p99',
    'invocation-4xx-errors',
    'lambda-errors',
    'lambda-throttles',
    'apigateway-5xx-errors',
  ];
  return metrics.map((metric) => alarmName(resolved, metric));
}
