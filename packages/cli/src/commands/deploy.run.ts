import { deploy } from '@mlship/core';
import { engineOptionsFrom } from './deploy.common.js';
import type { DeployFlags } from './deploy.define.js';
import { loadDoctor } from './doctor.load.js';

export async function runDeploy(flags: DeployFlags): Promise<number> {
  const { options } = engineOptionsFrom(flags);
  await deploy({
    ...options,
    dryRun: Boolean(flags.dryRun),
    yes: Boolean(flags.yes),
    skipPreflight: Boolean(flags.skipPreflight),
    // Imported when the checks run, so --help and a dry run never load their AWS clients.
    preflight: async (input) => {
      const doctor = await loadDoctor(flags.file);
      if (doctor) await doctor.preflight(input);
      else
        input.contexts[0]?.host.notify({
          level: 'warn',
          code: 'PREFLIGHT_UNAVAILABLE',
          message:
            'Preflight not run: @mlship/doctor is not installed, so instance quotas, the execution role and the permissions of the planned calls were not checked.',
        });
    },
    showSecrets: Boolean(flags.showSecrets),
    ...(flags.imageTag === undefined ? {} : { imageTag: flags.imageTag }),
  });
  return 0;
}
