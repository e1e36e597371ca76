import { status } from '@mlship/core';
import { engineOptionsFrom } from './deploy.common.js';
import type { EngineFlags } from './deploy.define.js';

export async function runStatus(flags: EngineFlags): Promise<number> {
  const { options } = engineOptionsFrom(flags);
  await status(options);
  return 0;
}
