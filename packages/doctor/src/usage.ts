import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  type EndpointSummary,
  ListEndpointsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { awsClient, type DeployContext } from '@mlship/core';

export interface Usage {
  /** Instances of the type other endpoints run now. */
  others: number;
  /** Instances of the type this environment's endpoint runs now (they stay up during a blue/green update). */
  own: number;
  endpoints: Array<{ name: string; instances: number }>;
}

/** Sums the current instance counts of the type over the account's endpoints in the region. */
export async function instanceUsage(ctx: DeployContext, type: string, ownEndpoint: string): Promise<Usage> {
  const sagemaker = awsClient(ctx, SageMakerClient);
  const summaries: EndpointSummary[] = [];
  let NextToken: string | undefined;
  do {
    const out = await sagemaker.send(
      new ListEndpointsCommand({ MaxResults: 100, ...(NextToken ? { NextToken } : {}) }),
    );
    summaries.push(...(out.Endpoints ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  const usage: Usage = { others: 0, own: 0, endpoints: [] };
  for (const summary of summaries) {
    const name = summary.EndpointName ?? '';
    const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    if (!endpoint.EndpointConfigName) continue;
    // DescribeEndpoint gives the counts, its config the instance types.
    const config = await sagemaker
      .send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }))
      .catch(() => undefined);
    if (!config) continue;
    const types = new Map((config.ProductionVariants ?? []).map((v) => [v.VariantName, v.InstanceType]));
    const instances = (endpoint.ProductionVariants ?? [])
      .filter((v) => types.get(v.VariantName) === type)
      .reduce((sum, v) => sum + (v.CurrentInstanceCount ?? 0), 0);
    if (instances === 0) continue;
    if (name.toLowerCase() === ownEndpoint.toLowerCase()) usage.own += instances;
    else {
      usage.others += instances;
      usage.endpoints.push({ name, instances });
    }
  }
  return usage;
}
