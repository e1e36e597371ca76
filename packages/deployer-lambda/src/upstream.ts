import { type DeployContext, MlshipError } from '@mlship/core';

export interface Upstream {
  endpointName: string;
  /** Known once the endpoint exists (a first deploy's plan does not have it yet). */
  endpointArn?: string;
  modelVersion: string;
}

/**
 * The SageMaker outputs the proxy needs. `modelVersion` is the content hash of the deployed Model; when an older
 * SageMaker deployer does not report it, the hash suffix of `modelName` (`<name>-<env>-<hash>`) is the same value.
 */
export function upstreamOf(ctx: DeployContext): Upstream {
  const sagemaker = ctx.upstream.sagemaker ?? {};
  const endpointName = sagemaker.endpointName;
  if (typeof endpointName !== 'string' || endpointName === '') {
    throw new MlshipError(
      'LAMBDA_UPSTREAM_MISSING',
      'The Lambda proxy needs the SageMaker endpoint name, but the sagemaker target gave no outputs.',
      {
        kind: 'internal',
        hint: 'Deploy the whole chain (sagemaker runs before lambda); `mlship status` shows what exists.',
      },
    );
  }
  const modelName = typeof sagemaker.modelName === 'string' ? sagemaker.modelName : '';
  const modelVersion =
    typeof sagemaker.modelVersion === 'string' && sagemaker.modelVersion !== ''
      ? sagemaker.modelVersion
      : (/-([a-z0-9]{8})$/.exec(modelName)?.[1] ?? modelName);
  const endpointArn = typeof sagemaker.endpointArn === 'string' ? sagemaker.endpointArn : undefined;
  return { endpointName, modelVersion, ...(endpointArn ? { endpointArn } : {}) };
}
