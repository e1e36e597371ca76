import type { ResolvedEnvironment } from '../config/schema.js';

export interface TargetEntry {
  name: string;
  /** The npm package that exports `deployer`; imported only when the target runs. */
  packageName: string;
  enabled(config: ResolvedEnvironment): boolean;
}

/** Deploy order; adding a target is one line here. */
export const TARGETS: readonly TargetEntry[] = [
  { name: 'sagemaker', packageName: '@mlship/deployer-sagemaker', enabled: () => true },
  { name: 'lambda', packageName: '@mlship/deployer-lambda', enabled: (c) => c.front !== 'none' },
  {
    name: 'apigateway',
    packageName: '@mlship/deployer-apigateway',
    enabled: (c) => c.front === 'apigateway',
  },
  { name: 'apigee', packageName: '@mlship/deployer-apigee', enabled: (c) => c.front === 'apigee' },
];

/** The targets an environment deploys, in order. */
export function enabledTargets(
  config: ResolvedEnvironment,
  targets: readonly TargetEntry[] = TARGETS,
): TargetEntry[] {
  return targets.filter((entry) => entry.enabled(config));
}
