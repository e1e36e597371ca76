import { DEPLOYER_CONTRACT_VERSION, type Deployer } from '@mlship/core';
import { apply } from './apply.js';
import { destroy, rollback, status } from './day2.js';
import { type ApigeeDetail, plan } from './plan.js';
import { type ApigeeState, read } from './read.js';

export { type Bundle, buildBundle } from './bundle/build.js';
export { type ApigeeNames, apigeeNames } from './names.js';

/** Apigee X: the proxy bundle generated from release.yaml, imported and deployed through the management API. */
export const deployer: Deployer<ApigeeState, ApigeeDetail> = {
  contractVersion: DEPLOYER_CONTRACT_VERSION,
  name: 'apigee',
  read,
  plan,
  apply,
  status,
  destroy,
  rollback,
  // Its calls go to Google's Apigee API (Google IAM), not AWS: the deploying AWS principal needs nothing for them.
  permissions: () => [],
};
