import { deploy } from '@mlship/core';
import { engineOptionsFrom } from './deploy.common.js';
import type { DeployFlags } from './deploy.define.js';

export async function runDeploy(flags: DeployFlags): Promise<number> {
  const { options } = engineOptionsFrom(flags);
  await deploy({
    ...options,
    dryRun: Boolean(flags.dryRun),
    yes: Boolean(flags.yes),
    skipPreflight: Boolean(flags.skipPreflight),
    // Imported when the checks run, so --help and a dry run never load their AWS clients.
    preflight: async (input) => {
      const { preflight } = await import('@mlship/doctor');
      await preflight(input);
    },
    ...(flags.imageTag === undefined ? {} : { imageTag: flags.imageTag }),
  });
  return 0;
}
