import { DeleteEndpointConfigCommand, DeleteModelCommand } from '@aws-sdk/client-sagemaker';
import { type DeployContext, quotaShortfallError, quotaShortfallFromMessage } from '@mlship/core';
import { clientsFor, errorMessage, errorName } from './clients.js';
import type { SageMakerDetail } from './plan.js';

/**
 * CreateEndpoint refused for an instance quota (it changed after the preflight, or the preflight was skipped):
 * removes the endpoint config and model this apply created, so nothing is left half-made, and fails with the
 * preflight's message and fix. Any other error passes through unchanged.
 */
export async function undoOnQuotaFailure(
  ctx: DeployContext,
  detail: SageMakerDetail,
  error: unknown,
): Promise<never> {
  if (errorName(error) !== 'ResourceLimitExceeded') throw error;
  const shortfall = quotaShortfallFromMessage(
    errorMessage(error),
    ctx.resolved.config.region,
    ctx.resolved.env,
  );
  if (!shortfall) throw error;
  const { sagemaker } = clientsFor(ctx);
  const { desired } = detail;
  if (detail.createConfig) {
    ctx.host.notify({ level: 'info', message: `Deleting endpoint config ${desired.configName} again` });
    await sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: desired.configName }));
  }
  if (detail.createModel) {
    ctx.host.notify({ level: 'info', message: `Deleting model ${desired.model.ModelName} again` });
    await sagemaker.send(new DeleteModelCommand({ ModelName: desired.model.ModelName }));
  }
  throw quotaShortfallError(shortfall);
}
