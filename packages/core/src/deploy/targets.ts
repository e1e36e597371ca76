import type { ResolvedEnvironment } from '../config/schema.js';
import { MlshipError } from '../errors.js';
import { DEPLOYER_CONTRACT_VERSION, type Deployer } from './contract.js';

export interface TargetEntry {
  name: string;
  /** The npm package that exports `deployer`; imported only when the target runs. */
  packageName: string;
  /** False while the package is planned but not yet published: deploy skips it, generated projects omit it. */
  shipped: boolean;
  enabled(config: ResolvedEnvironment): boolean;
}

/** Deploy order; adding a target is one line here. */
export const TARGETS: readonly TargetEntry[] = [
  { name: 'sagemaker', packageName: '@mlship/deployer-sagemaker', shipped: true, enabled: () => true },
  {
    name: 'lambda',
    packageName: '@mlship/deployer-lambda',
    shipped: false,
    enabled: (c) => c.front !== 'none',
  },
  {
    name: 'apigateway',
    packageName: '@mlship/deployer-apigateway',
    shipped: false,
    enabled: (c) => c.front === 'apigateway',
  },
  {
    name: 'apigee',
    packageName: '@mlship/deployer-apigee',
    shipped: false,
    enabled: (c) => c.front === 'apigee',
  },
];

/** Imports a package by name; the CLI passes its own `import()` so resolution starts from the CLI package. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

export interface LoadedTarget {
  entry: TargetEntry;
  deployer: Deployer;
}

function isModuleNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    (code === 'ERR_MODULE_NOT_FOUND' ||
      code === 'MODULE_NOT_FOUND' ||
      /Cannot find (module|package)/.test(message)) &&
    message.includes(specifier)
  );
}

/** Loads the deployers enabled for an environment, skipping the ones whose package is not installed. */
export async function loadTargets(
  config: ResolvedEnvironment,
  importer: ModuleImporter,
  onSkip: (entry: TargetEntry, why: string, installed: boolean) => void = () => {},
  targets: readonly TargetEntry[] = TARGETS,
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
}
