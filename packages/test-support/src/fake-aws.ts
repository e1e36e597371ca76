import { FakeAutoScaling } from './autoscaling.js';
import { FakeCognito } from './cognito/fake-cognito.js';
import { type TokenEndpoint, tokenEndpoint } from './cognito/token-endpoint.js';
import { FakeEcr } from './ecr.js';
import { FakeSageMaker } from './sagemaker/fake-sagemaker.js';
import { AwsError } from './server/aws-error.js';
import { awsJsonRoute, type RecordedCall, type ServiceName } from './server/aws-json.js';
import { loadModel } from './server/model.js';
import { listen } from './server/router.js';

export type { RecordedCall, ServiceName };

export interface FakeAwsOptions {
  region?: string;
  accountId?: string;
  /** DescribeEndpoint polls that still see Creating/Updating/Deleting before the transition completes (2). */
  transitionAfterDescribes?: number;
}

export interface InjectedError {
  code: string;
  message: string;
  status?: number;
}

export interface FakeAws {
  endpoint: string;
  region: string;
  accountId: string;
  /** Env vars for a subprocess or process.env: endpoint, region, dummy credentials, retry settings. */
  env: Record<string, string>;
  /** SDK client config for in-process clients. */
  clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  sagemaker: FakeSageMaker;
  ecr: FakeEcr;
  autoscaling: FakeAutoScaling;
  cognito: FakeCognito;
  /** The hosted domains' OAuth2 token endpoint and the pools' JWKS, on the same loopback server. */
  tokens: TokenEndpoint;
  /** Every call in arrival order, with the error code it was answered with. */
  calls: RecordedCall[];
  /** Every call but Describe*, List* and Get*. */
  mutatingCalls(): RecordedCall[];
  /** The next `times` (default 1) calls of service.operation answer this error (before any validation). */
  failNext(service: ServiceName, operation: string, error: InjectedError, times?: number): void;
  /** Clears all state, recorded calls, injected failures and scenarios. */
  reset(): void;
  stop(): Promise<void>;
}

/** Starts the fakes behind one loopback HTTP server speaking the services' real wire protocols. */
export async function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const sagemaker = new FakeSageMaker(region, accountId, options.transitionAfterDescribes ?? 2);
  const ecr = new FakeEcr(region, accountId);
  const autoscaling = new FakeAutoScaling(region, accountId, sagemaker);
  sagemaker.scaling = autoscaling;
  sagemaker.resolveDigest = (image) => ecr.digestOf(image);
  const cognito = new FakeCognito(region, accountId);
  const tokens = tokenEndpoint(cognito);

  const calls: RecordedCall[] = [];
  const failures: { service: ServiceName; operation: string; error: InjectedError; left: number }[] = [];
  const hooks = {
    record: (call: RecordedCall) => calls.push(call),
    inject: (service: ServiceName, operation: string) => {
      const failure = failures.find((f) => f.service === service && f.operation === operation && f.left > 0);
      if (!failure) return;
      failure.left -= 1;
      throw new AwsError(failure.error.code, failure.error.message, failure.error.status ?? 400);
    },
  };
  const server = await listen([
    awsJsonRoute(
      {
        name: 'sagemaker',
        model: loadModel('sagemaker'),
        messageKey: 'Message',
        operations: sagemaker.operations(),
      },
      hooks,
    ),
    awsJsonRoute(
      { name: 'ecr', model: loadModel('ecr'), messageKey: 'message', operations: ecr.operations() },
      hooks,
    ),
    awsJsonRoute(
      {
        name: 'autoscaling',
        model: loadModel('autoscaling'),
        messageKey: 'Message',
        operations: autoscaling.operations(),
      },
      hooks,
    ),
    awsJsonRoute(
      {
        name: 'cognito',
        model: loadModel('cognito'),
        messageKey: 'message',
        operations: cognito.operations(),
      },
      hooks,
    ),
    tokens.route,
  ]);
  const credentials = { accessKeyId: 'mlship-fake-access-key', secretAccessKey: 'fake-secret-access-key' };
  return {
    endpoint: server.endpoint,
    region,
    accountId,
    env: {
      AWS_ENDPOINT_URL: server.endpoint,
      AWS_ENDPOINT_URL_SAGEMAKER: server.endpoint,
      AWS_ENDPOINT_URL_ECR: server.endpoint,
      AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING: server.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: server.endpoint,
      MLSHIP_COGNITO_TOKEN_URL: `${server.endpoint}/{domain}/oauth2/token`,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_MAX_ATTEMPTS: '3',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    clientConfig: { endpoint: server.endpoint, region, credentials },
    sagemaker,
    ecr,
    autoscaling,
    cognito,
    tokens,
    calls,
    mutatingCalls: () => calls.filter((c) => !/^(Describe|List|Get)/.test(c.operation)),
    failNext: (service, operation, error, times = 1) => {
      failures.push({ service, operation, error, left: times });
    },
    reset: () => {
      calls.length = 0;
      failures.length = 0;
      sagemaker.reset();
      ecr.reset();
      autoscaling.reset();
      cognito.reset();
      tokens.issued.length = 0;
    },
    stop: () => server.close(),
  };
}
