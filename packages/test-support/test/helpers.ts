import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECRClient } from '@aws-sdk/client-ecr';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  type ProductionVariantInstanceType,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type FakeAws, startFakeAws } from '../src/index.js';

export const ROLE = 'arn:aws:iam::123456789012:role/SageMakerExecution';
export const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/iris:v1';

export interface Harness {
  fake: FakeAws;
  sm: SageMakerClient;
  ecr: ECRClient;
  aas: ApplicationAutoScalingClient;
}

/** One fake per test file, reset before each test, with real SDK clients pointed at it. */
export function useFakeAws(): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    h.fake = await startFakeAws();
    h.sm = new SageMakerClient({ ...h.fake.clientConfig, maxAttempts: 1 });
    h.ecr = new ECRClient({ ...h.fake.clientConfig, maxAttempts: 1 });
    h.aas = new ApplicationAutoScalingClient({ ...h.fake.clientConfig, maxAttempts: 1 });
  });
  beforeEach(() => h.fake.reset());
  afterEach(() => expect(h.fake.responseViolations).toEqual([]));
  afterAll(async () => {
    for (const client of [h.sm, h.ecr, h.aas]) client?.destroy();
    await h.fake?.stop();
  });
  return h;
}

/** Resolves to the error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $fault?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

export async function createModel(sm: SageMakerClient, name: string, image = IMAGE): Promise<void> {
  await sm.send(
    new CreateModelCommand({ ModelName: name, ExecutionRoleArn: ROLE, PrimaryContainer: { Image: image } }),
  );
}

export async function createConfig(
  sm: SageMakerClient,
  name: string,
  model: string,
  instanceType: ProductionVariantInstanceType = 'ml.m5.large',
  count = 1,
): Promise<void> {
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: model,
          InstanceType: instanceType,
          InitialInstanceCount: count,
        },
      ],
    }),
  );
}

/** Polls DescribeEndpoint until the status is not transitional; returns every answer seen. */
export async function pollEndpoint(
  sm: SageMakerClient,
  name: string,
  max = 20,
): Promise<DescribeEndpointCommandOutput[]> {
  const seen: DescribeEndpointCommandOutput[] = [];
  for (let i = 0; i < max; i++) {
    const out = await sm.send(new DescribeEndpointCommand({ EndpointName: name }));
    seen.push(out);
    if (
      !['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting'].includes(
        out.EndpointStatus ?? '',
      )
    ) {
      return seen;
    }
  }
  return seen;
}

/** Model + config + endpoint, polled to InService. */
export async function deployEndpoint(
  sm: SageMakerClient,
  name: string,
  opts: { instanceType?: ProductionVariantInstanceType; count?: number } = {},
): Promise<void> {
  await createModel(sm, `${name}-m1`);
  await createConfig(sm, `${name}-c1`, `${name}-m1`, opts.instanceType, opts.count);
  await sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-c1` }));
  await pollEndpoint(sm, name);
}
