import type { DeployContext, DeployPlan } from '@mlship/core';
import { needFromConfig, type QuotaNeed } from './quotas.js';

interface SageMakerPlanDetail {
  endpoint?: 'create' | 'recreate' | 'update' | 'none';
  instanceCount?: number;
}

/** What a SageMaker plan asks of the instance quota; undefined when it starts no instances. */
export function needFromPlan(ctx: DeployContext, plan: DeployPlan): QuotaNeed | undefined {
  const detail = plan.detail as SageMakerPlanDetail;
  const fromConfig = needFromConfig(ctx);
  if (!detail.endpoint || detail.endpoint === 'none') return undefined;
  return {
    ...fromConfig,
    count: detail.instanceCount ?? fromConfig.count,
    blueGreen: detail.endpoint === 'update',
  };
}
