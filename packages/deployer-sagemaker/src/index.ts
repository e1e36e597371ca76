import { DEPLOYER_CONTRACT_VERSION, type Deployer } from '@mlship/core';
import { applySageMaker } from './apply.js';
import { destroySageMaker } from './destroy.js';
import { permissionsSageMaker } from './permissions.js';
import { planSageMaker, type SageMakerDetail } from './plan.js';
import { type CurrentState, readState } from './read.js';
import { rollbackSageMaker } from './rollback.js';
import { statusSageMaker } from './status.js';

/** The SageMaker real-time endpoint target: ECR image check, Model, EndpointConfig, Endpoint, autoscaling. */
export const deployer: Deployer<CurrentState, SageMakerDetail> = {
  contractVersion: DEPLOYER_CONTRACT_VERSION,
  name: 'sagemaker',
  read: readState,
  plan: planSageMaker,
  apply: applySageMaker,
  status: statusSageMaker,
  destroy: destroySageMaker,
  rollback: rollbackSageMaker,
  permissions: permissionsSageMaker,
};

export type { CurrentState, SageMakerDetail };
