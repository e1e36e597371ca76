import {
  CreateModelCommand,
  DescribeEndpointCommand,
  ListModelsCommand,
  SageMakerClient,
  SageMakerServiceException,
} from '@aws-sdk/client-sagemaker';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createModel, IMAGE, ROLE, rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();

describe('the loopback awsJson server', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('answers a client configured only by the standard environment variables', async () => {
    for (const [key, value] of Object.entries(h.fake.env)) vi.stubEnv(key, value);
    const client = new SageMakerClient({});
    await client.send(new CreateModelCommand({ ModelName: 'from-env', PrimaryContainer: { Image: IMAGE } }));
    client.destroy();
    expect(h.fake.sagemaker.models.has('from-env')).toBe(true);
    expect(h.fake.env.AWS_ENDPOINT_URL).toBe(h.fake.endpoint);
    expect(h.fake.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serialises errors so the SDK raises the modelled exception with name and message', async () => {
    const error = await rejection(h.sm.send(new DescribeEndpointCommand({ EndpointName: 'missing' })));
    expect(error).toBeInstanceOf(SageMakerServiceException);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      'Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/missing".',
    );
    expect(error.$fault).toBe('client');
  });

  it('validates input against the API model with Coral-style messages', async () => {
    const error = await rejection(
      h.sm.send(
        new CreateModelCommand({ ModelName: 'bad_name', ExecutionRoleArn: 'role', PrimaryContainer: {} }),
      ),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "3 validation errors detected: Value 'bad_name' at 'modelName' failed to satisfy constraint: Member must " +
        'satisfy regular expression pattern: ^[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?; ' +
        "Value 'role' at 'executionRoleArn' failed to satisfy constraint: Member must have length greater than or " +
        "equal to 20; Value 'role' at 'executionRoleArn' failed to satisfy constraint: Member must satisfy " +
        'regular expression pattern: ^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+',
    );
  });

  it('records every call in order, with the error code it got', async () => {
    await createModel(h.sm, 'm1');
    await rejection(createModel(h.sm, 'm1'));
    await h.sm.send(new ListModelsCommand({}));
    expect(h.fake.calls.map((c) => [c.service, c.operation, c.error])).toEqual([
      ['sagemaker', 'CreateModel', undefined],
      ['sagemaker', 'CreateModel', 'ValidationException'],
      ['sagemaker', 'ListModels', undefined],
    ]);
    expect(h.fake.calls[0]?.input).toEqual({
      ModelName: 'm1',
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: IMAGE },
    });
    expect(h.fake.mutatingCalls().map((c) => c.operation)).toEqual(['CreateModel', 'CreateModel']);
  });

  it('injects failures for the next N calls of one operation, then answers normally', async () => {
    h.fake.failNext('sagemaker', 'CreateModel', { code: 'ResourceInUse', message: 'busy' }, 2);
    for (let i = 0; i < 2; i++) {
      const error = await rejection(createModel(h.sm, 'm1'));
      expect([error.name, error.message]).toEqual(['ResourceInUse', 'busy']);
    }
    await createModel(h.sm, 'm1');
    expect(h.fake.sagemaker.models.has('m1')).toBe(true);
  });

  it('injects server errors with a status, and the SDK retries throttling on its own', async () => {
    h.fake.failNext('sagemaker', 'ListModels', { code: 'InternalFailure', message: 'boom', status: 500 });
    const error = await rejection(h.sm.send(new ListModelsCommand({})));
    expect([error.name, error.$fault]).toEqual(['InternalFailure', 'server']);

    h.fake.failNext('sagemaker', 'ListModels', { code: 'ThrottlingException', message: 'Rate exceeded' });
    const retrying = new SageMakerClient(h.fake.clientConfig);
    const out = await retrying.send(new ListModelsCommand({}));
    retrying.destroy();
    expect(out.$metadata.attempts).toBe(2);
    expect(h.fake.calls.slice(-2).map((c) => c.error)).toEqual(['ThrottlingException', undefined]);
  });

  it('reset() clears state, calls and pending failures', async () => {
    await createModel(h.sm, 'm1');
    h.fake.failNext('sagemaker', 'CreateModel', { code: 'ThrottlingException', message: 'x' });
    h.fake.reset();
    expect(h.fake.calls).toEqual([]);
    expect(h.fake.sagemaker.models.size).toBe(0);
    await createModel(h.sm, 'm1');
  });

  it('answers unknown operations and foreign requests with errors instead of hanging', async () => {
    const res = await fetch(h.fake.endpoint, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'SageMaker.CreateTrainingJob',
        'Content-Type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
    expect((await fetch(`${h.fake.endpoint}/2015-03-31/functions`)).status).toBe(404);
  });
});
