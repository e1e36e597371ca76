import { type EngineOptions, prepareEngine, renderPolicy } from '@mlship/core';
import { declaredPermissions } from './permissions.js';

/** The least-privilege policy of the deploying principal for this release.yaml, from the deployers' declarations. */
export async function printPolicy(options: EngineOptions): Promise<{ policy: string; undeclared: string[] }> {
  const engine = await prepareEngine(options);
  const declared = declaredPermissions(engine.targets, () => engine.context({}));
  for (const target of declared.undeclared) {
    options.host.notify({
      level: 'warn',
      code: 'PERMISSIONS_UNDECLARED',
      message: `The ${target} deployer does not declare its IAM actions: the policy leaves them out.`,
    });
  }
  return { policy: renderPolicy(declared.permissions), undeclared: declared.undeclared };
}
