import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECRClient } from '@aws-sdk/client-ecr';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { awsClientConfig, type DeployContext } from '@mlship/core';

export interface Clients {
  sagemaker: SageMakerClient;
  ecr: ECRClient;
  autoscaling: ApplicationAutoScalingClient;
}

const cache = new WeakMap<DeployContext, Clients>();

/** One set of clients per deploy, configured only through the standard SDK chain plus release.yaml's region. */
export function clientsFor(ctx: DeployContext): Clients {
  let clients = cache.get(ctx);
  if (!clients) {
    // The SDK warns on Node 20 about its releases after January 2027; mlship pins its SDK, so the notice is noise
    // in every CI log. Users can still opt in by setting the variable to anything else.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const config = awsClientConfig(ctx.resolved.config.region, ctx.env);
    clients = {
      sagemaker: new SageMakerClient(config),
      ecr: new ECRClient(config),
      autoscaling: new ApplicationAutoScalingClient(config),
    };
    cache.set(ctx, clients);
  }
  return clients;
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
