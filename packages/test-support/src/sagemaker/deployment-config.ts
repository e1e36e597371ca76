import { validationError } from '../server/aws-error.js';
import type { EndpointConfigRecord } from './state.js';

interface CapacitySize {
  Type: 'INSTANCE_COUNT' | 'CAPACITY_PERCENT';
  Value: number;
}

// biome-ignore lint/suspicious/noExplicitAny: DeploymentConfig as sent by the SDK, already model-validated
type DeploymentConfig = any;

/**
 * The DeploymentConfig rules the API reference states beyond the model's shapes: one update policy, the size
 * member that the routing type needs (and only that one), CanarySize <= 50% and LinearStepSize 10-50% of each
 * variant's total instance count. Messages are ours (AWS does not document them).
 */
export function checkDeploymentConfig(config: DeploymentConfig, endpointConfig: EndpointConfigRecord): void {
  if (!config) return;
  const blueGreen = config.BlueGreenUpdatePolicy;
  if (blueGreen && config.RollingUpdatePolicy) {
    throw validationError('Only one of BlueGreenUpdatePolicy and RollingUpdatePolicy can be specified.');
  }
  if (!blueGreen) return;
  const routing = blueGreen.TrafficRoutingConfiguration;
  const { Type: type, CanarySize: canary, LinearStepSize: linear } = routing;
  if (type === 'CANARY' && !canary)
    throw validationError('CanarySize must be specified for CANARY traffic routing.');
  if (type === 'LINEAR' && !linear) {
    throw validationError('LinearStepSize must be specified for LINEAR traffic routing.');
  }
  if (type !== 'CANARY' && canary)
    throw validationError(`CanarySize is not supported for ${type} traffic routing.`);
  if (type !== 'LINEAR' && linear) {
    throw validationError(`LinearStepSize is not supported for ${type} traffic routing.`);
  }
  for (const variant of endpointConfig.ProductionVariants) {
    const total = variant.InitialInstanceCount ?? 0;
    if (canary) checkSize('CanarySize', canary, total, 0, 50, variant.VariantName);
    if (linear) checkSize('LinearStepSize', linear, total, 10, 50, variant.VariantName);
  }
}

function checkSize(
  member: string,
  size: CapacitySize,
  total: number,
  minPct: number,
  maxPct: number,
  variant: string,
) {
  const percent =
    size.Type === 'CAPACITY_PERCENT' ? size.Value : total > 0 ? (size.Value / total) * 100 : 100;
  if (percent < minPct || percent > maxPct) {
    const range = minPct > 0 ? `between ${minPct}% and ${maxPct}%` : `less than or equal to ${maxPct}%`;
    throw validationError(
      `Invalid ${member} for variant "${variant}": ${size.Type} ${size.Value} must be ${range} of the variant's ` +
        `total instance count (${total}).`,
    );
  }
}
