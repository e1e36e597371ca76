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
<<<<<<< HEAD
): TargetEntry[] {
  return targets.filter((entry) => entry.enabled(config));
=======
): Promise<LoadedTarget[]> {
  const loaded: LoadedTarget[] = [];
  for (const entry of targets) {
    if (!entry.enabled(config)) {
      onSkip(entry, 'not enabled for this environment', true);
      continue;
    }
    let mod: unknown;
    try {
      mod = await importer(entry.packageName);
    } catch (error) {
      if (isModuleNotFound(error, entry.packageName)) {
        onSkip(entry, `${entry.packageName} is not installed`, false);
        continue;
      }
      throw error;
    }
    const deployer = (mod as { deployer?: Deployer }).deployer;
    if (!deployer || deployer.contractVersion !== DEPLOYER_CONTRACT_VERSION) {
      throw new MlshipError(
        'DEPLOYER_INCOMPATIBLE',
        `${entry.packageName} does not export a deployer for contract version ${DEPLOYER_CONTRACT_VERSION}.`,
        { kind: 'internal', hint: 'Install matching versions of mlship and the deployer packages.' },
      );
    }
    loaded.push({ entry, deployer });
  }
  return loaded;
>>>>>>> docker14
}
