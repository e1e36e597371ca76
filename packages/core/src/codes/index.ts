import { APIGATEWAY_CODES } from './apigateway.js';
import { APIGEE_CODES } from './apigee.js';
import { CLI_CODES } from './cli.js';
import { CONFIG_CODES } from './config.js';
import { CORE_CODES } from './core.js';
import { DEV_CODES } from './dev.js';
import { DOCTOR_CODES } from './doctor.js';
import { LAMBDA_CODES } from './lambda.js';
import { MONITORING_CODES } from './monitoring.js';
import { PROXY_CODES } from './proxy.js';
import { SAGEMAKER_CODES } from './sagemaker.js';
import { SCAFFOLD_CODES } from './scaffold.js';
import type { CodeTable } from './types.js';

export type { CodeInfo, CodeKind, CodeTable } from './types.js';

/**
 * Every error and notice code mlship emits, assembled from one part per area (core, each target). Each part lives in
 * its own file beside this one; add a part's import here. A key ending in `*` covers every code with that prefix.
 */
export const CODES: CodeTable = {
  ...CONFIG_CODES,
  ...SCAFFOLD_CODES,
  ...CORE_CODES,
  ...CLI_CODES,
  ...SAGEMAKER_CODES,
  ...LAMBDA_CODES,
  ...DOCTOR_CODES,
  ...PROXY_CODES,
  ...APIGEE_CODES,
  ...DEV_CODES,
  ...APIGATEWAY_CODES,
  ...MONITORING_CODES,
};
