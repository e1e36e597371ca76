import { type TokenEndpoint, tokenEndpoint } from './cognito/token-endpoint.js';
import { AwsError } from './server/aws-error.js';
import { endpointEnvName, loadModel, SERVICE_NAMES, type ServiceName } from './server/model.js';
import { routeFor } from './server/protocols/index.js';
import { listen } from './server/router.js';
import type { CallHooks, Handler, RecordedCall, ResponseViolation } from './server/service.js';
import { createStates, type FakeStates, SERVICE_STATES } from './services.js';

export type { Handler, RecordedCall, ResponseViolation, ServiceName };

export interface FakeAwsOptions {
  region?: string;
  accountId?: string;
  /** DescribeEndpoint polls that still see Creating/Updating/Deleting before the transition completes (2). */
  transitionAfterDescribes?: number;
  /** Extra or replacing handlers per service, e.g. `{ sts: { GetCallerIdentity: () => ({...}) } }`. */
  stubs?: Partial<Record<ServiceName, Record<string, Handler>>>;
}

export interface InjectedError {
  code: string;
  message: string;
  status?: number;
}

export type FakeAws = FakeStates & {
  endpoint: string;
  region: string;
  accountId: string;
  /** Env vars for a subprocess or process.env: endpoints, region, dummy credentials, retry settings. */
  env: Record<string, string>;
  /** SDK client config for in-process clients. */
  clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  /** The Cognito hosted domains' OAuth2 token endpoint and the pools' JWKS, on the same server. */
  tokens: TokenEndpoint;
  /** Every call in arrival order, with the error code it was answered with. */
  calls: RecordedCall[];
  /**
   * Fake answers that did not fit their output shape (each was answered 500). reset() and stop() throw while
   * any are pending, so every suite fails on them; a test that provokes one on purpose empties this list.
   */
  responseViolations: ResponseViolation[];
  /** Every call but reads (Describe*, List*, Get*, Head*, Filter*, Simulate*) and data-plane Invoke*. */
  mutatingCalls(): RecordedCall[];
  /** The next `times` (default 1) calls of service.operation answer this error (before any validation). */
  failNext(service: ServiceName, operation: string, error: InjectedError, times?: number): void;
  /** Clears all state, recorded calls, injected failures and scenarios; throws on pending responseViolations. */
  reset(): void;
  stop(): Promise<void>;
};

const READ = /^(Describe|List|Get|Head|Filter|Simulate|Invoke)/;

/** Starts the fakes behind one loopback HTTP server speaking each service's real wire protocol. */
export async function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const states = createStates({
    region,
    accountId,
    transitionAfterDescribes: options.transitionAfterDescribes ?? 2,
  });
  // SageMaker auto-rollback reads the CloudWatch fake's alarm states.
  states.sagemaker.alarmState = (name) => states.cloudwatch.alarms.get(name)?.StateValue;
  const calls: RecordedCall[] = [];
  const responseViolations: ResponseViolation[] = [];
  const failures: { service: ServiceName; operation: string; error: InjectedError; left: number }[] = [];
  const hooks: CallHooks = {
    record: (call) => calls.push(call),
    violation: (violation) => responseViolations.push(violation),
    inject: (service, operation) => {
      const failure = failures.find((f) => f.service === service && f.operation === operation && f.left > 0);
      if (!failure) return;
      failure.left -= 1;
      throw new AwsError(failure.error.code, failure.error.message, failure.error.status);
    },
  };
  const routes = SERVICE_NAMES.map((name) =>
    routeFor(
      {
        name,
        model: loadModel(name),
        operations: { ...SERVICE_STATES[name]?.(states).operations(), ...options.stubs?.[name] },
      },
      hooks,
    ),
  );
  const tokens = tokenEndpoint(states.cognito);
  const server = await listen([...routes, tokens.route]);
  const credentials = { accessKeyId: 'mlship-fake-access-key', secretAccessKey: 'fake-secret-access-key' };
  const endpoints = Object.fromEntries(
    SERVICE_NAMES.map((name) => [endpointEnvName(loadModel(name)), server.endpoint]),
  );
  return {
    ...states,
    endpoint: server.endpoint,
    region,
    accountId,
    env: {
      AWS_ENDPOINT_URL: server.endpoint,
      ...endpoints,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_MAX_ATTEMPTS: '3',
      AWS_EC2_METADATA_DISABLED: 'true',
      MLSHIP_COGNITO_TOKEN_URL: `${server.endpoint}/{domain}/oauth2/token`,
    },
    clientConfig: { endpoint: server.endpoint, region, credentials },
    tokens,
    calls,
    responseViolations,
    mutatingCalls: () => calls.filter((c) => !READ.test(c.operation)),
    failNext: (service, operation, error, times = 1) => {
      failures.push({ service, operation, error, left: times });
    },
    reset: () => {
      calls.length = 0;
      throwViolations(responseViolations);
      failures.length = 0;
      for (const name of SERVICE_NAMES) SERVICE_STATES[name]?.(states).reset();
      tokens.issued.length = 0;
    },
    stop: () => server.close().then(() => throwViolations(responseViolations)),
  };
}

/** Fails loudly on fake answers that did not fit the model (then forgets them, so only one test fails). */
function throwViolations(violations: ResponseViolation[]): void {
  const pending = violations.splice(0);
  if (pending.length === 0) return;
  throw new Error(
    `the AWS fakes answered outside the API model:\n${pending.map((v) => `- ${v.service}: ${v.message}`).join('\n')}`,
  );
}
