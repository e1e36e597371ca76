import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DeleteTagsCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
  ListTagsCommand,
  type ProductionVariant,
} from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { createConfig, createModel, IMAGE, ROLE, rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012';

async function configError(variant: Partial<ProductionVariant>) {
  await createModel(h.sm, 'm1');
  return rejection(
    h.sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'c1',
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: 'm1',
            InstanceType: 'ml.m5.large',
            InitialInstanceCount: 1,
            ...variant,
          },
        ],
      }),
    ),
  );
}

describe('SageMaker models', () => {
  it('creates, describes and deletes a model with a lower-cased ARN', async () => {
    const out = await h.sm.send(
      new CreateModelCommand({
        ModelName: 'Iris-abc123',
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: IMAGE, Environment: { A: '1' }, ModelDataUrl: 's3://bucket/model.tar.gz' },
        Tags: [{ Key: 'mlship:app', Value: 'iris' }],
      }),
    );
    expect(out.ModelArn).toBe(`${ARN}:model/iris-abc123`);
    const model = await h.sm.send(new DescribeModelCommand({ ModelName: 'iris-ABC123' }));
    expect(model).toMatchObject({ ModelName: 'Iris-abc123', ExecutionRoleArn: ROLE });
    expect(model.PrimaryContainer).toEqual({
      Image: IMAGE,
      Environment: { A: '1' },
      ModelDataUrl: 's3://bucket/model.tar.gz',
    });
    expect(model.CreationTime).toBeInstanceOf(Date);
    await h.sm.send(new DeleteModelCommand({ ModelName: 'Iris-abc123' }));
    const error = await rejection(h.sm.send(new DescribeModelCommand({ ModelName: 'Iris-abc123' })));
    expect([error.name, error.message]).toEqual([
      'ValidationException',
      `Could not find model "${ARN}:model/iris-abc123".`,
    ]);
  });

  it('refuses duplicates (case-insensitively) and models without a container', async () => {
    await createModel(h.sm, 'm1');
    const dup = await rejection(createModel(h.sm, 'M1'));
    expect(dup.message).toBe(`Cannot create already existing model "${ARN}:model/m1".`);
    const empty = await rejection(
      h.sm.send(new CreateModelCommand({ ModelName: 'm2', ExecutionRoleArn: ROLE })),
    );
    expect(empty.name).toBe('ValidationException');
    const del = await rejection(h.sm.send(new DeleteModelCommand({ ModelName: 'nope' })));
    expect(del.message).toBe(`Could not find model "${ARN}:model/nope".`);
  });

  it('lists with NameContains, SortBy/SortOrder and pagination', async () => {
    for (const name of ['app-dev-b', 'app-dev-a', 'other', 'app-dev-c']) await createModel(h.sm, name);
    const newest = await h.sm.send(new ListModelsCommand({ NameContains: 'dev' }));
    expect(newest.Models?.map((m) => m.ModelName)).toEqual(['app-dev-c', 'app-dev-a', 'app-dev-b']);
    const byName = await h.sm.send(
      new ListModelsCommand({ SortBy: 'Name', SortOrder: 'Ascending', MaxResults: 2 }),
    );
    expect(byName.Models?.map((m) => m.ModelName)).toEqual(['app-dev-a', 'app-dev-b']);
    expect(byName.NextToken).toBeTruthy();
    const rest = await h.sm.send(
      new ListModelsCommand({
        SortBy: 'Name',
        SortOrder: 'Ascending',
        MaxResults: 2,
        NextToken: byName.NextToken,
      }),
    );
    expect(rest.Models?.map((m) => m.ModelName)).toEqual(['app-dev-c', 'other']);
    expect(rest.NextToken).toBeUndefined();
    const tooMany = await rejection(h.sm.send(new ListModelsCommand({ MaxResults: 101 })));
    expect(tooMany.message).toContain('Member must have value less than or equal to 100');
  });
});

describe('SageMaker endpoint configurations', () => {
  it('creates and describes a config, defaulting the variant weight to 1', async () => {
    await createModel(h.sm, 'm1');
    const out = await h.sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'c1',
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: 'm1',
            InstanceType: 'ml.m5.xlarge',
            InitialInstanceCount: 2,
            VolumeSizeInGB: 30,
            ContainerStartupHealthCheckTimeoutInSeconds: 600,
          },
        ],
        DataCaptureConfig: {
          InitialSamplingPercentage: 10,
          DestinationS3Uri: 's3://bucket/capture',
          CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        },
      }),
    );
    expect(out.EndpointConfigArn).toBe(`${ARN}:endpoint-config/c1`);
    const config = await h.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'c1' }));
    expect(config.ProductionVariants).toEqual([
      {
        VariantName: 'AllTraffic',
        ModelName: 'm1',
        InstanceType: 'ml.m5.xlarge',
        InitialInstanceCount: 2,
        InitialVariantWeight: 1,
        VolumeSizeInGB: 30,
        ContainerStartupHealthCheckTimeoutInSeconds: 600,
      },
    ]);
    expect(config.DataCaptureConfig?.InitialSamplingPercentage).toBe(10);
  });

  it.each([
    [
      { InstanceType: 'ml.x9.huge' as never },
      "at 'productionVariants.1.member.instanceType' failed to satisfy constraint: Member must satisfy enum value set: [ml.t2.medium,",
    ],
    [
      { InitialInstanceCount: 0 },
      "Value '0' at 'productionVariants.1.member.initialInstanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      { VolumeSizeInGB: 513 },
      "Value '513' at 'productionVariants.1.member.volumeSizeInGB' failed to satisfy constraint: Member must have value less than or equal to 512",
    ],
    [
      { ContainerStartupHealthCheckTimeoutInSeconds: 30 },
      'Member must have value greater than or equal to 60',
    ],
    [
      { VariantName: '-bad' },
      "Value '-bad' at 'productionVariants.1.member.variantName' failed to satisfy constraint",
    ],
    [{ InstanceType: undefined }, 'must specify InstanceType'],
  ])('rejects an invalid variant %j', async (variant, message) => {
    const error = await configError(variant);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(message);
  });

  it('rejects names longer than 63 characters, unknown models and duplicates', async () => {
    await createModel(h.sm, 'm1');
    const long = await rejection(createConfig(h.sm, 'c'.repeat(64), 'm1'));
    expect(long.message).toContain('Member must have length less than or equal to 63');
    const unknown = await rejection(createConfig(h.sm, 'c1', 'nope'));
    expect(unknown.message).toBe(`Could not find model "${ARN}:model/nope".`);
    await createConfig(h.sm, 'c1', 'm1');
    const dup = await rejection(createConfig(h.sm, 'c1', 'm1'));
    expect(dup.message).toBe(
      `Cannot create already existing endpoint configuration "${ARN}:endpoint-config/c1".`,
    );
  });

  it('allows deleting a model and a config that an endpoint still uses, as AWS does', async () => {
    await createModel(h.sm, 'm1');
    await createConfig(h.sm, 'c1', 'm1');
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'c1' }));
    await h.sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: 'c1' }));
    await h.sm.send(new DeleteModelCommand({ ModelName: 'm1' }));
    expect(h.fake.sagemaker.endpoints.get('ep')?.EndpointConfigName).toBe('c1');
    const gone = await rejection(h.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'c1' })));
    expect(gone.message).toBe(`Could not find endpoint configuration "${ARN}:endpoint-config/c1".`);
  });

  it('lists configs newest first', async () => {
    await createModel(h.sm, 'm1');
    for (const name of ['c1', 'c2', 'c3']) await createConfig(h.sm, name, 'm1');
    const out = await h.sm.send(new ListEndpointConfigsCommand({ NameContains: 'c' }));
    expect(out.EndpointConfigs?.map((c) => c.EndpointConfigName)).toEqual(['c3', 'c2', 'c1']);
  });
});

describe('SageMaker tags', () => {
  it('adds, lists (merging keys) and deletes tags by ARN', async () => {
    await h.sm.send(
      new CreateModelCommand({
        ModelName: 'm1',
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: IMAGE },
        Tags: [{ Key: 'mlship:app', Value: 'iris' }],
      }),
    );
    const arn = `${ARN}:model/m1`;
    await h.sm.send(
      new AddTagsCommand({
        ResourceArn: arn,
        Tags: [
          { Key: 'mlship:env', Value: 'dev' },
          { Key: 'mlship:app', Value: 'iris2' },
        ],
      }),
    );
    expect((await h.sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual([
      { Key: 'mlship:app', Value: 'iris2' },
      { Key: 'mlship:env', Value: 'dev' },
    ]);
    await h.sm.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: ['mlship:app'] }));
    expect((await h.sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual([
      { Key: 'mlship:env', Value: 'dev' },
    ]);
    const missing = await rejection(h.sm.send(new ListTagsCommand({ ResourceArn: `${ARN}:model/nope` })));
    expect(missing.name).toBe('ValidationException');
  });

  it('seeds untagged resources without recording calls', () => {
    h.fake.sagemaker.seedEndpoint({ name: 'handmade' });
    expect(h.fake.calls).toEqual([]);
    expect(h.fake.sagemaker.tags.get(`${ARN}:endpoint/handmade`)).toEqual([]);
    expect(h.fake.sagemaker.models.has('handmade-model')).toBe(true);
    expect(h.fake.sagemaker.endpointConfigs.has('handmade-config')).toBe(true);
  });
});
