import { AwsError, validationError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import type { FakeSageMaker } from './fake-sagemaker.js';
import { listPage } from './list.js';
import {
  alreadyExists,
  type EndpointConfigRecord,
  findByName,
  type ModelRecord,
  type ProductionVariant,
} from './state.js';

/** CreateModel, DescribeModel, DeleteModel, ListModels and the same four for endpoint configurations. */
export function resourceOperations(sm: FakeSageMaker): Record<string, Handler> {
  return {
    CreateModel: (input) => {
      const arn = sm.arn('model', input.ModelName);
      if (findByName(sm.models, input.ModelName)) throw alreadyExists('model', arn);
      if (!input.PrimaryContainer && !(input.Containers?.length > 0)) {
        throw validationError('Either PrimaryContainer or Containers must be specified.');
      }
      sm.checkCountLimit('Number of models', 'Models', sm.models.size, sm.limits.models);
      const { Tags, ...rest } = input;
      const record: ModelRecord = { ...rest, ModelArn: arn, CreationTime: sm.clock.now() };
      sm.models.set(input.ModelName, record);
      sm.putTags(arn, Tags);
      return { ModelArn: arn };
    },
    DescribeModel: (input) => sm.requireModel(input.ModelName),
    DeleteModel: (input) => {
      const model = sm.requireModel(input.ModelName);
      sm.models.delete(model.ModelName);
      sm.tags.delete(model.ModelArn);
    },
    ListModels: (input) => {
      const { page, NextToken } = listPage([...sm.models.values()], input, (m) => m.ModelName);
      return {
        Models: page.map(({ ModelName, ModelArn, CreationTime }) => ({ ModelName, ModelArn, CreationTime })),
        NextToken,
      };
    },
    CreateEndpointConfig: (input) => {
      const arn = sm.arn('endpoint-config', input.EndpointConfigName);
      if (findByName(sm.endpointConfigs, input.EndpointConfigName))
        throw alreadyExists('endpoint-config', arn);
      const variants = (input.ProductionVariants as ProductionVariant[]).map(checkVariant);
      const names = variants.map((v) => v.VariantName.toLowerCase());
      if (new Set(names).size !== names.length) {
        throw validationError('The production variant names in an endpoint configuration must be unique.');
      }
      for (const variant of variants) if (variant.ModelName) sm.requireModel(variant.ModelName);
      sm.checkCountLimit(
        'Number of endpoint configs',
        'Endpoint configs',
        sm.endpointConfigs.size,
        sm.limits.endpointConfigs,
      );
      const { Tags, ...rest } = input;
      const record: EndpointConfigRecord = {
        ...rest,
        ProductionVariants: variants,
        EndpointConfigArn: arn,
        CreationTime: sm.clock.now(),
      };
      sm.endpointConfigs.set(input.EndpointConfigName, record);
      sm.putTags(arn, Tags);
      return { EndpointConfigArn: arn };
    },
    DescribeEndpointConfig: (input) => sm.requireEndpointConfig(input.EndpointConfigName),
    DeleteEndpointConfig: (input) => {
      const config = sm.requireEndpointConfig(input.EndpointConfigName);
      sm.endpointConfigs.delete(config.EndpointConfigName);
      sm.tags.delete(config.EndpointConfigArn);
    },
    ListEndpointConfigs: (input) => {
      const { page, NextToken } = listPage(
        [...sm.endpointConfigs.values()],
        input,
        (c) => c.EndpointConfigName,
      );
      return {
        EndpointConfigs: page.map(({ EndpointConfigName, EndpointConfigArn, CreationTime }) => ({
          EndpointConfigName,
          EndpointConfigArn,
          CreationTime,
        })),
        NextToken,
      };
    },
  };
}

/** Instance-based variants need a model, an instance type and a count; serverless ones a ServerlessConfig. */
function checkVariant(variant: ProductionVariant): ProductionVariant {
  if (!variant.ServerlessConfig) {
    const missing = ['ModelName', 'InstanceType', 'InitialInstanceCount'].filter(
      (m) => variant[m] === undefined,
    );
    if (missing.length > 0) {
      throw new AwsError(
        'ValidationException',
        `Production variant "${variant.VariantName}" must specify ${missing.join(', ')} (or a ServerlessConfig).`,
      );
    }
  } else if (variant.InstanceType || variant.InitialInstanceCount !== undefined) {
    throw validationError(
      `Production variant "${variant.VariantName}" cannot specify both ServerlessConfig and InstanceType or InitialInstanceCount.`,
    );
  }
  return { ...variant, InitialVariantWeight: variant.InitialVariantWeight ?? 1 };
}
