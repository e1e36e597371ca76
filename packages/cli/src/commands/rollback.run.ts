import { rollback } from '@mlship/core';
import { engineOptionsFrom } from './deploy.common.js';
import type { RollbackFlags } from './rollback.define.js';

export async function runRollback(flags: RollbackFlags): Promise<number> {
  const { options } = engineOptionsFrom(flags);
  await rollback({ ...options, ...(flags.to === undefined ? {} : { to: flags.to }) });
  return 0;
}
