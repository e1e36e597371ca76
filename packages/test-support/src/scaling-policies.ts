import { createHash } from 'node:crypto';
import type { FakeAutoScaling } from './autoscaling.js';
import { AwsError, validationError } from './server/aws-error.js';
import type { Handler } from './server/service.js';

export function targetKey(namespace: string, resourceId: string, dimension: string): string {
  return `${namespace}|${resourceId}|${dimension}`;
}

/** PutScalingPolicy, DescribeScalingPolicies, DeleteScalingPolicy. */
export function scalingPolicyOperations(fake: FakeAutoScaling): Record<string, Handler> {
  return {
    PutScalingPolicy: (input) => {
      const {
        ServiceNamespace: ns,
        ResourceId: resourceId,
        ScalableDimension: dim,
        PolicyName: name,
      } = input;
      fake.requireTarget(ns, resourceId, dim);
      const type = input.PolicyType ?? 'StepScaling';
      const config = input.TargetTrackingScalingPolicyConfiguration;
      if (type === 'TargetTrackingScaling') {
        if (!config)
          throw validationError(
            'TargetTrackingScalingPolicyConfiguration is required for TargetTrackingScaling.',
          );
        const predefined = config.PredefinedMetricSpecification?.PredefinedMetricType;
        if (!predefined === !config.CustomizedMetricSpecification) {
          throw validationError(
            'Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification is required.',
          );
        }
        if (predefined && !String(predefined).startsWith('SageMakerVariant')) {
          throw validationError(`Predefined metric ${predefined} is not supported for ${ns} ${dim}.`);
        }
      } else if (type === 'StepScaling' && !input.StepScalingPolicyConfiguration) {
        throw validationError('StepScalingPolicyConfiguration is required for StepScaling.');
      }
      const key = `${targetKey(ns, resourceId, dim)}|${name}`;
      const id = createHash('sha256').update(key).digest('hex');
      const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
      const policyArn = `arn:aws:autoscaling:${fake.region}:${fake.accountId}:scalingPolicy:${uuid}:resource/${ns}/${resourceId}:policyName/${name}`;
      const alarms =
        type === 'TargetTrackingScaling'
          ? ['AlarmHigh', 'AlarmLow'].map((suffix) => {
              const alarmName = `TargetTracking-${resourceId}-${suffix}-${uuid}`;
              return {
                AlarmName: alarmName,
                AlarmARN: `arn:aws:cloudwatch:${fake.region}:${fake.accountId}:alarm:${alarmName}`,
              };
            })
          : [];
      fake.policies.set(key, {
        PolicyARN: policyArn,
        PolicyName: name,
        ServiceNamespace: ns,
        ResourceId: resourceId,
        ScalableDimension: dim,
        PolicyType: type,
        StepScalingPolicyConfiguration: input.StepScalingPolicyConfiguration,
        TargetTrackingScalingPolicyConfiguration: config,
        Alarms: alarms,
        CreationTime: fake.policies.get(key)?.CreationTime ?? new Date(),
      });
      return { PolicyARN: policyArn, Alarms: alarms };
    },
    DescribeScalingPolicies: (input) => ({
      ScalingPolicies: [...fake.policies.values()].filter(
        (p) =>
          p.ServiceNamespace === input.ServiceNamespace &&
          (!input.ResourceId || p.ResourceId === input.ResourceId) &&
          (!input.ScalableDimension || p.ScalableDimension === input.ScalableDimension) &&
          (!input.PolicyNames || input.PolicyNames.includes(p.PolicyName)),
      ),
    }),
    DeleteScalingPolicy: (input) => {
      const {
        ServiceNamespace: ns,
        ResourceId: resourceId,
        ScalableDimension: dim,
        PolicyName: name,
      } = input;
      const key = `${targetKey(ns, resourceId, dim)}|${name}`;
      if (!fake.policies.delete(key)) {
        throw new AwsError(
          'ObjectNotFoundException',
          `No scaling policy found for service namespace: ${ns}, resource ID: ${resourceId}, scalable dimension: ` +
            `${dim}, policy name: ${name}`,
        );
      }
    },
  };
}
