import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECRClient } from '@aws-sdk/client-ecr';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { awsClient, type DeployContext } from '@mlship/core';

export interface Clients {
  sagemaker: SageMakerClient;
  ecr: ECRClient;
  autoscaling: ApplicationAutoScalingClient;
}

/** The deploy's shared clients (one per service and region per run), from core's factory. */
export function clientsFor(ctx: DeployContext): Clients {
  return {
    sagemaker: awsClient(ctx, SageMakerClient),
    ecr: awsClient(ctx, ECRClient),
    autoscaling: awsClient(ctx, ApplicationAutoScalingClient),
  };
}

/** The region requests go to: release.yaml's, as in the client config. */
export function effectiveRegion(ctx: DeployContext): string {
  return ctx.resolved.config.region;
}

export function errorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** SageMaker answers Describe* of a missing resource with ValidationException "Could not find …". */
export function isNotFound(error: unknown): boolean {
  return errorName(error) === 'ValidationException' && /could not find/i.test(errorMessage(error));
}
