import {
  DescribeEndpointConfigCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
} from '@aws-sdk/client-sagemaker';
import type { DeployContext } from '@mlship/core';
import { clientsFor, isNotFound } from './clients.js';
import type { VersionInfo } from './gc.js';
import { isVersionName, versionPrefix } from './names.js';

export interface ConfigState {
  name: string;
  instanceType?: string;
  instanceCount?: number;
  modelName?: string;
}

export async function describeConfig(ctx: DeployContext, name: string): Promise<ConfigState | undefined> {
  try {
    const out = await clientsFor(ctx).sagemaker.send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: name }),
    );
    const variant = out.ProductionVariants?.[0];
    return {
      name,
      ...(variant?.InstanceType ? { instanceType: variant.InstanceType } : {}),
      ...(variant?.InitialInstanceCount ? { instanceCount: variant.InitialInstanceCount } : {}),
      ...(variant?.ModelName ? { modelName: variant.ModelName } : {}),
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Models and endpoint configs whose names carry this app's and env's version prefix. */
export async function listVersions(
  ctx: DeployContext,
): Promise<{ configs: VersionInfo[]; models: VersionInfo[] }> {
  const { sagemaker } = clientsFor(ctx);
  const name = ctx.resolved.config.name;
  const env = ctx.resolved.env;
  const prefix = versionPrefix(name, env);
  const configs: VersionInfo[] = [];
  const models: VersionInfo[] = [];
  let token: string | undefined;
  do {
    const out = await sagemaker.send(
      new ListEndpointConfigsCommand({ NameContains: prefix, MaxResults: 100, NextToken: token }),
    );
    for (const item of out.EndpointConfigs ?? []) {
      if (!item.EndpointConfigName || !isVersionName(item.EndpointConfigName, name, env)) continue;
      configs.push({
        name: item.EndpointConfigName,
        arn: item.EndpointConfigArn ?? '',
        created: +(item.CreationTime ?? 0),
      });
    }
    token = out.NextToken;
  } while (token);
  do {
    const out = await sagemaker.send(
      new ListModelsCommand({ NameContains: prefix, MaxResults: 100, NextToken: token }),
    );
    for (const item of out.Models ?? []) {
      if (!item.ModelName || !isVersionName(item.ModelName, name, env)) continue;
      models.push({ name: item.ModelName, arn: item.ModelArn ?? '', created: +(item.CreationTime ?? 0) });
    }
    token = out.NextToken;
  } while (token);
  for (const config of configs) {
    const described = await describeConfig(ctx, config.name);
    config.modelNames = described?.modelName ? [described.modelName] : [];
  }
  return { configs, models };
}
