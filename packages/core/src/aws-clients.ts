import { type AwsClientConfig, awsClientConfig } from './aws-config.js';
import { mapNetworkErrors } from './aws-network.js';
import type { DeployContext } from './deploy/contract.js';

export type AwsClientConstructor<C> = new (config: AwsClientConfig) => C;

/** Per run (one ResolvedConfig object), per client class, per region. */
const perRun = new WeakMap<object, Map<AwsClientConstructor<unknown>, Map<string, unknown>>>();

/**
 * The one AWS client factory every deployer uses: the standard SDK chain only (profiles, AWS_REGION,
 * AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>), adaptive retries, one client per service and region per run.
 * Core imports no SDK: the deployer passes the client class.
 */
export function awsClient<C>(
  ctx: Pick<DeployContext, 'resolved' | 'env'>,
  Client: AwsClientConstructor<C>,
  region: string = ctx.resolved.config.region,
): C {
  // The SDK warns on Node 20 about its releases after January 2027; mlship pins its SDK, so the notice is noise
  // in every CI log. Users can still opt in by setting the variable to anything else.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let byClass = perRun.get(ctx.resolved);
  if (!byClass) {
    byClass = new Map();
    perRun.set(ctx.resolved, byClass);
  }
  let byRegion = byClass.get(Client as AwsClientConstructor<unknown>);
  if (!byRegion) {
    byRegion = new Map();
    byClass.set(Client as AwsClientConstructor<unknown>, byRegion);
  }
  let client = byRegion.get(region) as C | undefined;
  if (!client) {
    client = new Client(awsClientConfig(region, ctx.env));
    mapNetworkErrors(client, ctx.env);
    byRegion.set(region, client);
  }
  return client;
}
