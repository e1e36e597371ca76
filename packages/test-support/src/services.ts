import { FakeApiGateway } from './apigateway/fake-apigateway.js';
import { FakeAutoScaling } from './autoscaling.js';
import { FakeCloudWatch } from './cloudwatch/fake-cloudwatch.js';
import { FakeCognito } from './cognito/fake-cognito.js';
import { FakeEcr } from './ecr.js';
import { FakeElastiCache } from './elasticache/fake-elasticache.js';
import { FakeIam } from './iam/fake-iam.js';
import { FakeLambda } from './lambda/fake-lambda.js';
import { FakeLogs } from './logs/fake-logs.js';
import { FakeSageMaker } from './sagemaker/fake-sagemaker.js';
import { FakeSageMakerRuntime } from './sagemaker-runtime/runtime.js';
import type { ServiceName } from './server/model.js';
import type { Handler } from './server/service.js';
import { FakeServiceQuotas } from './service-quotas.js';
import { FakeSts } from './sts.js';

/** What a service's state offers the server: a handler per faked operation, and a way back to empty. */
export interface FakeService {
  operations(): Record<string, Handler>;
  reset(): void;
}

export interface StateOptions {
  region: string;
  accountId: string;
  transitionAfterDescribes: number;
}

/** Creates every service's state (and wires the ones that see each other). */
export function createStates(o: StateOptions) {
  const sagemaker = new FakeSageMaker(o.region, o.accountId, o.transitionAfterDescribes);
  const ecr = new FakeEcr(o.region, o.accountId);
  const autoscaling = new FakeAutoScaling(o.region, o.accountId, sagemaker);
  sagemaker.scaling = autoscaling;
  sagemaker.resolveDigest = (image) => ecr.digestOf(image);
  const iam = new FakeIam(o.accountId);
  const lambda = new FakeLambda(o.region, o.accountId, 2);
  lambda.roles = iam;
  const runtime = new FakeSageMakerRuntime(sagemaker);
  return {
    sagemaker,
    ecr,
    autoscaling,
    runtime,
    apigateway: new FakeApiGateway(o.region, o.accountId),
    cognito: new FakeCognito(o.region, o.accountId),
    sts: new FakeSts(o.accountId),
    quotas: new FakeServiceQuotas(o.region, o.accountId),
    logs: new FakeLogs(o.region, o.accountId),
    cloudwatch: new FakeCloudWatch(o.region, o.accountId),
    iam,
    lambda,
    elasticache: new FakeElastiCache(o.region, o.accountId, 2),
  };
}

export type FakeStates = ReturnType<typeof createStates>;

/**
 * The state answering each service, one line per service. Every model in src/models/ is served; a service
 * without a line here answers each call with UnknownOperationException.
 */
export const SERVICE_STATES: Partial<Record<ServiceName, (states: FakeStates) => FakeService>> = {
  sagemaker: (s) => s.sagemaker,
  ecr: (s) => s.ecr,
  autoscaling: (s) => s.autoscaling,
  lambda: (s) => s.lambda,
  apigateway: (s) => s.apigateway,
  'cognito-idp': (s) => s.cognito,
  'sagemaker-runtime': (s) => s.runtime,
  sts: (s) => s.sts,
  'service-quotas': (s) => s.quotas,
  logs: (s) => s.logs,
  cloudwatch: (s) => s.cloudwatch,
  iam: (s) => s.iam,
  elasticache: (s) => s.elasticache,
};
