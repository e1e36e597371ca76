import { createHash } from 'node:crypto';
import type { FakeSageMaker } from './sagemaker/fake-sagemaker.js';
import { findByName } from './sagemaker/state.js';
import { scalingPolicyOperations, targetKey } from './scaling-policies.js';
import { AwsError, validationError } from './server/aws-error.js';
import type { Handler } from './server/service.js';

export interface ScalableTarget {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  MinCapacity: number;
  MaxCapacity: number;
  RoleARN: string;
  CreationTime: Date;
  SuspendedState: {
    DynamicScalingInSuspended: boolean;
    DynamicScalingOutSuspended: boolean;
    ScheduledScalingSuspended: boolean;
  };
  ScalableTargetARN: string;
}

export const VARIANT_DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const VARIANT_ID = /^endpoint\/([^/]+)\/variant\/([^/]+)$/;

/** Stateful fake of Application Auto Scaling for SageMaker endpoint variants. Behaviour: FAKES.md. */
export class FakeAutoScaling {
  /** Scalable targets by `namespace|resourceId|dimension`. */
  readonly targets = new Map<string, ScalableTarget>();
  // biome-ignore lint/suspicious/noExplicitAny: ScalingPolicy structures as returned by DescribeScalingPolicies
  readonly policies = new Map<string, any>();

  constructor(
    readonly region: string,
    readonly accountId: string,
    private readonly sagemaker: FakeSageMaker,
  ) {}

  requireTarget(namespace: string, resourceId: string, dimension: string): ScalableTarget {
    const target = this.targets.get(targetKey(namespace, resourceId, dimension));
    if (!target) {
      throw new AwsError(
        'ObjectNotFoundException',
        `No scalable target registered for service namespace: ${namespace}, resource ID: ${resourceId}, ` +
          `scalable dimension: ${dimension}`,
      );
    }
    return target;
  }

  /** Variants of this endpoint registered as scalable targets. */
  registeredVariants(endpointName: string): string[] {
    return [...this.targets.values()]
      .map((t) => VARIANT_ID.exec(t.ResourceId))
      .filter((m): m is RegExpExecArray => m !== null && m[1]?.toLowerCase() === endpointName.toLowerCase())
      .map((m) => m[2] as string);
  }

  /** DeleteEndpoint deregisters the endpoint's variants (and so deletes their policies). */
  forgetEndpoint(endpointName: string): void {
    for (const variant of this.registeredVariants(endpointName)) {
      this.deregister('sagemaker', `endpoint/${endpointName}/variant/${variant}`, VARIANT_DIMENSION);
    }
  }

  /** Simulates a scaling activity: the variant's desired and current instance counts become `count`. */
  scaleTo(resourceId: string, count: number): void {
    const match = VARIANT_ID.exec(resourceId);
    const endpoint = match ? findByName(this.sagemaker.endpoints, match[1] as string) : undefined;
    const variant = endpoint?.ProductionVariants.find((v) => v.VariantName === match?.[2]);
    if (!variant) throw new Error(`scaleTo: no SageMaker variant for ${resourceId}`);
    variant.DesiredInstanceCount = count;
    variant.CurrentInstanceCount = count;
  }

  reset(): void {
    this.targets.clear();
    this.policies.clear();
  }

  operations(): Record<string, Handler> {
    return {
      RegisterScalableTarget: (input) => this.register(input),
      DescribeScalableTargets: (input) => {
        const targets = [...this.targets.values()].filter(
          (t) =>
            t.ServiceNamespace === input.ServiceNamespace &&
            (!input.ResourceIds || input.ResourceIds.includes(t.ResourceId)) &&
            (!input.ScalableDimension || t.ScalableDimension === input.ScalableDimension),
        );
        return { ScalableTargets: targets };
      },
      DeregisterScalableTarget: (input) => {
        this.requireTarget(input.ServiceNamespace, input.ResourceId, input.ScalableDimension);
        this.deregister(input.ServiceNamespace, input.ResourceId, input.ScalableDimension);
      },
      ...scalingPolicyOperations(this),
    };
  }

  private deregister(namespace: string, resourceId: string, dimension: string): void {
    const key = targetKey(namespace, resourceId, dimension);
    this.targets.delete(key);
    for (const policyKey of [...this.policies.keys()])
      if (policyKey.startsWith(`${key}|`)) this.policies.delete(policyKey);
  }

  // biome-ignore lint/suspicious/noExplicitAny: RegisterScalableTarget input
  private register(input: any) {
    const { ServiceNamespace: namespace, ResourceId: resourceId, ScalableDimension: dimension } = input;
    const match = VARIANT_ID.exec(resourceId);
    if (namespace !== 'sagemaker' || dimension !== VARIANT_DIMENSION || !match) {
      throw validationError('Unsupported service namespace, resource type or scalable dimension');
    }
    const endpoint = findByName(this.sagemaker.endpoints, match[1] as string);
    const variant = endpoint?.ProductionVariants.find((v) => v.VariantName === match[2]);
    if (!endpoint || !variant) {
      throw validationError(
        `Unable to register scalable target: SageMaker endpoint variant ${resourceId} does not exist.`,
      );
    }
    if (endpoint.EndpointStatus !== 'InService') {
      throw validationError(
        `Endpoint ${endpoint.EndpointName} is in status ${endpoint.EndpointStatus}; scalable targets can be ` +
          'registered only while it is InService.',
      );
    }
    if (variant.InstanceType && /^ml\.t\d/.test(variant.InstanceType)) {
      throw validationError(
        `Burstable instance type ${variant.InstanceType} is not supported for automatic scaling.`,
      );
    }
    const key = targetKey(namespace, resourceId, dimension);
    const existing = this.targets.get(key);
    const min = input.MinCapacity ?? existing?.MinCapacity;
    const max = input.MaxCapacity ?? existing?.MaxCapacity;
    if (min === undefined || max === undefined) {
      throw validationError('MinCapacity and MaxCapacity are required to register a new scalable target.');
    }
    if (min > max) throw validationError('Minimum capacity cannot be greater than maximum capacity');
    const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
    const target: ScalableTarget = {
      ServiceNamespace: namespace,
      ResourceId: resourceId,
      ScalableDimension: dimension,
      MinCapacity: min,
      MaxCapacity: max,
      RoleARN:
        `arn:aws:iam::${this.accountId}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/` +
        'AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint',
      CreationTime: existing?.CreationTime ?? new Date(),
      SuspendedState: { ...(existing?.SuspendedState ?? suspended(false)), ...input.SuspendedState },
      ScalableTargetARN: `arn:aws:application-autoscaling:${this.region}:${this.accountId}:scalable-target/${id}`,
    };
    this.targets.set(key, target);
    const clamped = Math.min(max, Math.max(min, variant.DesiredInstanceCount));
    if (clamped !== variant.DesiredInstanceCount) this.scaleTo(resourceId, clamped);
    return { ScalableTargetARN: target.ScalableTargetARN };
  }
}

function suspended(value: boolean) {
  return {
    DynamicScalingInSuspended: value,
    DynamicScalingOutSuspended: value,
    ScheduledScalingSuspended: value,
  };
}
