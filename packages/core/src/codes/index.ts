import { CONFIG_CODES } from './config.js';
import { SCAFFOLD_CODES } from './scaffold.js';
import type { CodeTable } from './types.js';

export type { CodeInfo, CodeKind, CodeTable } from './types.js';

/**
 * Every error and notice code mlship emits, assembled from one part per area (core, each target). Each part lives in
 * its own file beside this one; add a part's import here.
 */
export const CODES: CodeTable = {
  ...CONFIG_CODES,
  ...SCAFFOLD_CODES,
};
