import { deploy } from '@mlship/core';
import { engineOptionsFrom } from './deploy.common.js';
import type { DeployFlags } from './deploy.define.js';

export async function runDeploy(flags: DeployFlags): Promise<number> {
  const { options } = engineOptionsFrom(flags);
  await deploy({
    ...options,
    dryRun: Boolean(flags.dryRun),
    yes: Boolean(flags.yes),
    showSecrets: Boolean(flags.showSecrets),
    ...(flags.imageTag === undefined ? {} : { imageTag: flags.imageTag }),
  });
  return 0;
}
