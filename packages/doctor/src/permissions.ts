import type { DeployContext, DeployPlan, LoadedTarget, Permission } from '@mlship/core';

export interface Declared {
  permissions: Permission[];
  /** Targets whose deployer declares no permissions. */
  undeclared: string[];
}

/** Every target's declared permissions: for its plan when given, else for everything it may call. */
export function declaredPermissions(
  targets: readonly LoadedTarget[],
  contextOf: (index: number) => DeployContext,
  plans?: readonly DeployPlan[],
): Declared {
  const out: Declared = { permissions: [], undeclared: [] };
  for (const [index, { entry, deployer }] of targets.entries()) {
    if (!deployer.permissions) {
      out.undeclared.push(entry.name);
      continue;
    }
    out.permissions.push(...deployer.permissions(contextOf(index), plans?.[index]));
  }
  return out;
}
