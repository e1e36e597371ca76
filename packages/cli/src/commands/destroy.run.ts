import { destroy } from '@mlship/core';
import { engineOptionsFrom } from './deploy.common.js';
import type { DestroyFlags } from './destroy.define.js';

export async function runDestroy(flags: DestroyFlags): Promise<number> {
  const { options } = engineOptionsFrom(flags);
  await destroy({ ...options, yes: Boolean(flags.yes), ...(flags.force ? { force: true } : {}) });
  return 0;
}
