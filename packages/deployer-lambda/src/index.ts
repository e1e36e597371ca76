import { DEPLOYER_CONTRACT_VERSION, type Deployer } from '@mlship/core';
import { applyLambda } from './apply.js';
import { destroyLambda } from './destroy.js';
import { type LambdaDetail, planLambda } from './plan.js';
import { type CurrentState, readState } from './read.js';
import { rollbackLambda } from './rollback.js';
import { statusLambda } from './status.js';

/** The cached Lambda proxy in front of the SageMaker endpoint: role, optional cache, function, `live` alias, URL. */
export const deployer: Deployer<CurrentState, LambdaDetail> = {
  contractVersion: DEPLOYER_CONTRACT_VERSION,
  name: 'lambda',
  read: readState,
  plan: planLambda,
  apply: applyLambda,
  status: statusLambda,
  destroy: destroyLambda,
  rollback: rollbackLambda,
};

export type { CurrentState, LambdaDetail };
