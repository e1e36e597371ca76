import {
  CreateEndpointConfigCommand,
  ListModelsCommand,
  type ProductionVariant,
} from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { startFakeAws } from '../src/index.js';
import { createModel, rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();

function configWith(variants: unknown) {
  return new CreateEndpointConfigCommand({
    EndpointConfigName: 'c1',
    ProductionVariants: variants as ProductionVariant[],
  });
}

describe('JSON type checks (SerializationException, as the JSON front end answers)', () => {
  it('rejects a string for an integer, through the real SageMaker client', async () => {
    await createModel(h.sm, 'm1');
    const error = await rejection(
      h.sm.send(
        configWith([
          {
            VariantName: 'AllTraffic',
            ModelName: 'm1',
            InstanceType: 'ml.m5.large',
            InitialInstanceCount: '2',
          },
        ]),
      ),
    );
    expect([error.name, error.message]).toEqual([
      'SerializationException',
      'STRING_VALUE cannot be converted to Integer',
    ]);
    expect(h.fake.sagemaker.endpointConfigs.size).toBe(0);
  });

  it('rejects a string for a list', async () => {
    const error = await rejection(h.sm.send(configWith('oops')));
    expect([error.name, error.message]).toEqual(['SerializationException', 'Unexpected field type']);
    expect(h.fake.calls.at(-1)).toMatchObject({
      operation: 'CreateEndpointConfig',
      error: 'SerializationException',
    });
  });

  it('rejects an object where a string belongs, and a list where a structure belongs (raw JSON)', async () => {
    const objectForString = await rejection(h.sm.send(configWith([{ VariantName: { a: 1 } }])));
    expect(objectForString.message).toBe('Start of structure or map found where not expected');
    const res = await fetch(h.fake.endpoint, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'SageMaker.CreateEndpointConfig',
        'Content-Type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({ EndpointConfigName: 'c1', ProductionVariants: [[]] }),
    });
    expect(await res.json()).toEqual({
      __type: 'SerializationException',
      Message: 'Unrecognized collection type class ProductionVariant',
    });
  });

  it('words the other mismatches as the JSON front end does (booleans, decimals, arrays for scalars)', async () => {
    const send = async (body: object) => {
      const res = await fetch(h.fake.endpoint, {
        method: 'POST',
        headers: { 'X-Amz-Target': 'SageMaker.ListModels', 'Content-Type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(body),
      });
      return ((await res.json()) as { Message: string }).Message;
    };
    expect(await send({ MaxResults: true })).toBe('TRUE_VALUE cannot be converted to Integer');
    expect(await send({ MaxResults: 2.5 })).toBe('DECIMAL_VALUE cannot be converted to Integer');
    expect(await send({ MaxResults: [1] })).toBe('Unrecognized collection type class java.lang.Integer');
    expect(await send({ NameContains: 7 })).toBe('NUMBER_VALUE cannot be converted to String');
    expect(await send({ CreationTimeAfter: 'yesterday' })).toBe('STRING_VALUE cannot be converted to Date');
  });

  it('rejects raw JSON with a wrong type even when no SDK serializer is involved', async () => {
    const res = await fetch(h.fake.endpoint, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'SageMaker.ListModels', 'Content-Type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ MaxResults: '10' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'SerializationException',
      Message: 'STRING_VALUE cannot be converted to Integer',
    });
  });
});

describe('output shape checks', () => {
  it('answers 500 and records a violation when a fake answers what the model does not allow', async () => {
    const fake = await startFakeAws({
      stubs: {
        sagemaker: {
          ListModels: () => ({ Models: [{ ModelName: 7, CreationTime: 'yesterday' }], Extra: 1 }),
        },
      },
    });
    const { SageMakerClient } = await import('@aws-sdk/client-sagemaker');
    const sm = new SageMakerClient({ ...fake.clientConfig, maxAttempts: 1 });
    try {
      const error = await rejection(sm.send(new ListModelsCommand({})));
      const message =
        'fake response for ListModels does not match its output shape: Models[0].ModelArn: required member missing; ' +
        'Models[0].ModelName: expected a string, ' +
        "got number 7; Models[0].CreationTime: expected a Date, got 'yesterday'; Extra: not a member of ListModelsOutput";
      expect([error.name, error.message, error.$fault]).toEqual(['InternalFailure', message, 'server']);
      expect(fake.responseViolations).toEqual([{ service: 'sagemaker', operation: 'ListModels', message }]);
      // Left pending, it fails the suite: reset() (run before every test) and stop() throw.
      expect(() => fake.reset()).toThrow(
        /the AWS fakes answered outside the API model:\n- sagemaker: fake response for ListModels/,
      );
      expect(fake.responseViolations).toEqual([]);
    } finally {
      sm.destroy();
      await fake.stop();
    }
  });

  it('checks required members and enum values of the answer', async () => {
    const fake = await startFakeAws({
      stubs: {
        sagemaker: {
          DescribeEndpoint: () => ({
            EndpointName: 'e',
            EndpointArn: 'arn',
            EndpointConfigName: 'c',
            EndpointStatus: 'Sleeping',
          }),
        },
      },
    });
    const { DescribeEndpointCommand, SageMakerClient } = await import('@aws-sdk/client-sagemaker');
    const sm = new SageMakerClient({ ...fake.clientConfig, maxAttempts: 1 });
    try {
      await rejection(sm.send(new DescribeEndpointCommand({ EndpointName: 'e' })));
      expect(fake.responseViolations[0]?.message).toBe(
        'fake response for DescribeEndpoint does not match its output shape: CreationTime: required member missing; ' +
          "LastModifiedTime: required member missing; EndpointStatus: 'Sleeping' is not one of [OutOfService, " +
          'Creating, Updating, SystemUpdating, RollingBack, InService, Deleting, Failed, UpdateRollbackFailed]',
      );
      sm.destroy();
      await expect(fake.stop()).rejects.toThrow(/fake response for DescribeEndpoint/);
    } catch (error) {
      sm.destroy();
      fake.responseViolations.length = 0;
      await fake.stop();
      throw error;
    }
  });
});
