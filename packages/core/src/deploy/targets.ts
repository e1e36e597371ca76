import type { ResolvedEnvironment } from '../config/schema.js';

export interface TargetEntry {
  name: string;
  /** The npm package that exports `deployer`; imported only when the target runs. */
  packageName: string;
  enabled(config: ResolvedEnvironment): boolean;
  /** The output naming the version a deploy left serving; the deploy history records it and rollback returns to it. */
  versionKey?: string;
}

/** Deploy order; adding a target is one line here. */
export const TARGETS: readonly TargetEntry[] = [
  {
    name: 'sagemaker',
    packageName: '@mlship/deployer-sagemaker',
    enabled: () => true,
    versionKey: 'endpointConfigName',
  },
  {
    name: 'lambda',
    packageName: '@mlship/deployer-lambda',
    enabled: (c) => c.front !== 'none',
    versionKey: 'version',
  },
  // No version of its own in the outputs: it follows the Lambda's `live` alias.
  {
    name: 'apigateway',
    packageName: '@mlship/deployer-apigateway',
    enabled: (c) => c.front === 'apigateway',
  },
  {
    name: 'apigee',
    packageName: '@mlship/deployer-apigee',
    enabled: (c) => c.front === 'apigee',
    versionKey: 'revision',
  },
  {
    name: 'monitoring',
    packageName: '@mlship/deployer-monitoring',
    // Always runs: with monitoring.enabled false it removes the alarms and dashboard an earlier deploy created.
    enabled: () => true,
  },
];

/** The targets an environment deploys, in order. */
export function enabledTargets(
  config: ResolvedEnvironment,
  targets: readonly TargetEntry[] = TARGETS,
): TargetEntry[] {
  return targets.filter((entry) => entry.enabled(config));
}
