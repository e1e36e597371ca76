/**
 * Runs the whole chain's fakes in one process, for driving the built CLI by hand:
 *   pnpm exec tsx --conditions=source packages/lambda-proxy/scripts/serve-fakes.ts [--image iris:v1 ...]
 *     [--role sm-exec ...] [--org acme-org:staging,prod]
 * It prints `export …` lines (AWS_*, MLSHIP_*, APIGEE_API_URL, GOOGLE_APPLICATION_CREDENTIALS) to eval in a shell.
 * API Gateway stages are served through the invoke gateway, whose Lambda integrations run the real proxy handler
 * built from the function's deployed environment; the model behind every endpoint is a stand-in answering
 * `{"predictions":[0,…]}` (one per instance). Ctrl-C stops everything. Behaviour: packages/test-support/FAKES.md.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  handlersFromEnvironment,
  type ProxyHandler,
  startFakeApigee,
  startFakeAws,
  startInvokeGateway,
} from '@mlship/test-support';
import { createProxy, type ProxyEvent, readProxyConfig } from '../src/index.js';

const { values } = parseArgs({
  options: {
    image: { type: 'string', multiple: true, default: [] },
    role: { type: 'string', multiple: true, default: [] },
    org: { type: 'string' },
  },
});
const aws = await startFakeAws({ transitionAfterDescribes: 0 });
// The proxy handlers run in this process, as Lambda runs them: its SDK client finds the runtime fake through these.
Object.assign(process.env, aws.env);
const [org, envs] = (values.org ?? 'acme-org:staging,prod').split(':');
const apigee = await startFakeApigee({ organizations: { [org as string]: (envs ?? 'staging').split(',') } });
const proxies: Array<{ close(): Promise<void> }> = [];
const gateway = await startInvokeGateway({
  apigateway: aws.apigateway,
  cognito: aws.cognito,
  lambda: aws.lambda,
  jwks: () => aws.tokens.key.jwks(),
  resolveHandler: handlersFromEnvironment(aws.lambda, (environment) => {
    const proxy = createProxy(readProxyConfig(environment), { writeMetrics: () => {} });
    proxies.push(proxy);
    return (event) => proxy.handler(event as unknown as ProxyEvent) as ReturnType<ProxyHandler>;
  }),
});
aws.runtime.setDefaultHandler(({ body }) => {
  const request = JSON.parse(body.toString('utf8') || '{}') as { instances?: unknown[] };
  return { body: JSON.stringify({ predictions: (request.instances ?? [null]).map(() => 0) }) };
});
for (const image of values.image as string[]) {
  const [repository, tag] = image.split(':');
  aws.ecr.putImage(repository as string, tag ?? 'latest');
}
// The deploy preflight wants the SageMaker execution role to exist and instance quota for the type.
for (const role of values.role as string[]) {
  aws.iam.seedRole(role, {
    trustService: 'sagemaker.amazonaws.com',
    policies: { pull: { Statement: [{ Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' }] } },
  });
}
aws.quotas.seedQuota({
  serviceCode: 'sagemaker',
  quotaCode: 'L-4A6B4D1A',
  quotaName: 'ml.m5.large for endpoint usage',
  defaultValue: 0,
  appliedValue: 4,
});
const gcloud = await mkdtemp(join(tmpdir(), 'mlship-fake-gcloud-'));
const env = {
  ...aws.env,
  MLSHIP_APIGATEWAY_INVOKE_URL: gateway.urlTemplate,
  APIGEE_API_URL: apigee.url,
  GOOGLE_APPLICATION_CREDENTIALS: await apigee.sts.writeCredentials(gcloud),
  METADATA_SERVER_DETECTION: 'none',
  CLOUDSDK_CONFIG: gcloud,
};
for (const [key, value] of Object.entries(env)) process.stdout.write(`export ${key}='${value}'\n`);
process.stderr.write('fakes ready; Ctrl-C to stop\n');
process.on('SIGINT', async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all([gateway.close(), apigee.stop(), aws.stop()]);
  process.exit(0);
});
