import type { ValidateFlags } from './validate.define.js';

export async function runValidate(_flags: ValidateFlags): Promise<number> {
  throw new Error('validate is not built yet');
}
