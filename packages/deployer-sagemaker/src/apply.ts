import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  type DeploymentConfig,
  type ProductionVariantInstanceType,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { type DeployContext, type DeployPlan, deployError, hasChanges, type Outputs } from '@mlship/core';
import { clientsFor } from './clients.js';
import { describeEndpoint, waitForEndpoint } from './endpoint.js';
import type { SageMakerDetail } from './plan.js';
import { undoOnQuotaFailure } from './quota-failure.js';
import { deregisterScaling, putPolicy, registerScaling, restorable } from './scaling.js';

/** Announces the next step; a Ctrl-C (ctx.signal) stops before it starts. */
function say(ctx: DeployContext, message: string, code?: string): void {
  ctx.signal?.throwIfAborted();
  ctx.host.notify({ level: 'info', message, ...(code ? { code } : {}) });
}

/** Executes a SageMaker plan in a safe order; the only place that changes anything. */
export async function applySageMaker(
  plan: DeployPlan<SageMakerDetail>,
  ctx: DeployContext,
): Promise<Outputs> {
  const detail = plan.detail;
  const { desired } = detail;
  const { sagemaker } = clientsFor(ctx);
  const name = desired.endpointName;
  if (!hasChanges(plan)) return outputsOf(detail, plan.plannedOutputs?.endpointArn as string | undefined);

  if (detail.scaling.deregisterFirst && detail.scaling.previous) {
    say(ctx, `Deregistering autoscaling of ${detail.scaling.previous.resourceId}`);
    await deregisterScaling(ctx, detail.scaling.previous.resourceId);
  }
  if (detail.endpoint === 'recreate') {
    say(ctx, `Deleting endpoint ${name}: an earlier create left it Failed`, 'ENDPOINT_RECREATE');
    await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
    await waitForEndpoint(ctx, name, `Deleting ${name}`);
  }
  if (detail.createModel) {
    say(ctx, `Creating model ${desired.model.ModelName}`);
    await sagemaker.send(new CreateModelCommand({ ...desired.model, Tags: desired.tags }));
  }
  if (detail.createConfig) {
    say(ctx, `Creating endpoint config ${desired.configName}`);
    await sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: desired.configName,
        ProductionVariants: [
          {
            ...desired.variant,
            InstanceType: desired.variant.InstanceType as ProductionVariantInstanceType,
            InitialInstanceCount: detail.instanceCount,
          },
        ],
        ...(desired.dataCapture ? { DataCaptureConfig: desired.dataCapture } : {}),
        Tags: desired.tags,
      }),
    );
  }

  let arn = plan.plannedOutputs?.endpointArn as string | undefined;
  if (detail.endpoint === 'create' || detail.endpoint === 'recreate') {
    const out = await sagemaker
      .send(
        new CreateEndpointCommand({
          EndpointName: name,
          EndpointConfigName: desired.configName,
          Tags: desired.tags,
        }),
      )
      .catch((error: unknown) => undoOnQuotaFailure(ctx, detail, error));
    arn = out.EndpointArn;
    const final = await waitForEndpoint(ctx, name, `Creating endpoint ${name}`);
    if (final?.EndpointStatus !== 'InService') {
      throw deployError(
        'ENDPOINT_FAILED',
        `Endpoint ${name} failed to create: ${final?.FailureReason ?? final?.EndpointStatus ?? 'it disappeared'}`,
        'Fix the cause (image, role, instance quota); the next `mlship deploy` deletes the failed endpoint and creates it again.',
      );
    }
  } else if (detail.endpoint === 'update') {
    await updateEndpoint(ctx, detail);
  }

  if (detail.addTags.length > 0 && arn && detail.endpoint !== 'create' && detail.endpoint !== 'recreate') {
    // mlship:app travels with every AddTags so IAM can scope tagging with aws:RequestTag/mlship:app.
    const owner = desired.tags.filter((tag) => tag.Key === 'mlship:app' || tag.Key === 'mlship:env');
    const extra = detail.addTags.filter((tag) => tag.Key !== 'mlship:app' && tag.Key !== 'mlship:env');
    await sagemaker.send(new AddTagsCommand({ ResourceArn: arn, Tags: [...owner, ...extra] }));
  }
  if (desired.scaling && detail.scaling.register) {
    say(
      ctx,
      `Registering autoscaling ${desired.scaling.min}-${desired.scaling.max} instances on ${desired.scaling.resourceId}`,
    );
    await registerScaling(ctx, name, desired.scaling, desired.tags);
  } else if (desired.scaling && detail.scaling.putPolicy) {
    await putPolicy(ctx, name, desired.scaling);
  }
  for (const config of detail.stale.configs) {
    say(ctx, `Deleting old endpoint config ${config}`);
    await sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: config }));
  }
  for (const model of detail.stale.models) {
    say(ctx, `Deleting old model ${model}`);
    await sagemaker.send(new DeleteModelCommand({ ModelName: model }));
  }
  return outputsOf(detail, arn);
}

async function updateEndpoint(ctx: DeployContext, detail: SageMakerDetail): Promise<void> {
  const { desired } = detail;
  const name = desired.endpointName;
  await clientsFor(ctx).sagemaker.send(
    new UpdateEndpointCommand({
      EndpointName: name,
      EndpointConfigName: desired.configName,
      DeploymentConfig: desired.deploymentConfig as DeploymentConfig,
    }),
  );
  const final = await waitForEndpoint(ctx, name, `Updating endpoint ${name} to ${desired.configName}`);
  if (final?.EndpointStatus === 'InService' && final.EndpointConfigName === desired.configName) return;

  const previous = detail.previousConfig ?? '(unknown)';
  const scaling = detail.scaling.previous;
  if (detail.scaling.deregisterFirst && scaling && final?.EndpointStatus === 'InService') {
    say(ctx, `Restoring autoscaling of ${scaling.resourceId} for the previous config`);
    await registerScaling(
      ctx,
      name,
      restorable(scaling, ctx.resolved.config.sagemaker.autoscaling),
      desired.tags,
    );
  }
  if (final?.EndpointStatus === 'InService') {
    const reason = final.FailureReason ?? 'no reason given';
    const rolledBack = !final.FailureReason || /roll(ed)?[ -]?back|alarm/i.test(reason);
    const serving = final.EndpointConfigName ?? previous;
    throw deployError(
      rolledBack ? 'DEPLOY_ROLLED_BACK' : 'UPDATE_FAILED',
      rolledBack
        ? `SageMaker rolled ${name} back to ${serving} during the blue/green update to ${desired.configName}: ${reason}`
        : `Update of ${name} to ${desired.configName} failed: ${reason}. The previous config ${serving} still serves.`,
      `Check the CloudWatch alarms and the endpoint logs (/aws/sagemaker/Endpoints/${name}), then deploy again.`,
    );
  }
  const reason = final?.FailureReason ?? (await describeEndpoint(ctx, name))?.FailureReason;
  throw deployError(
    'UPDATE_FAILED',
    `Update of ${name} to ${desired.configName} ended ${final?.EndpointStatus ?? 'with the endpoint gone'}: ${reason ?? 'no reason given'}.`,
    'Check the endpoint with `mlship status`; `mlship rollback` returns to the previous config.',
  );
}

function outputsOf(detail: SageMakerDetail, arn: string | undefined): Outputs {
  return {
    endpointName: detail.desired.endpointName,
    ...(arn ? { endpointArn: arn } : {}),
    endpointConfigName: detail.desired.configName,
    modelName: detail.desired.model.ModelName,
    modelVersion: detail.desired.modelVersion,
    variantName: detail.desired.variant.VariantName,
    imageUri: detail.desired.image.uri,
  };
}
