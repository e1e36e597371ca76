import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProxy, type ProxyEvent, readProxyConfig } from '@mlship/lambda-proxy';
import {
  type FakeApigee,
  type FakeAws,
  handlersFromEnvironment,
  type InvokeGateway,
  type ProxyHandler,
  type RedisServer,
  startFakeApigee,
  startFakeAws,
  startInvokeGateway,
  startRedisServer,
  type TempDir,
  tempDir,
} from '@mlship/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The user's path from the outside: the built CLI as a subprocess, an `init` project, the whole chain against the
// fakes (AWS, Apigee with ADC, the execute-api gateway running the real proxy handler, a real Redis).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const REDIS_PASSWORD = 'r3dis-pa55word-e2e';

let aws: FakeAws;
let apigee: FakeApigee;
let gateway: InvokeGateway;
/** The handler Lambda would run for a function (alias) ARN, built from that version's environment. */
let handlers: (functionArn: string) => ProxyHandler | undefined;
let redis: RedisServer;
let dir: TempDir;
let project: string;
let env: Record<string, string>;
const proxies: Array<{ close(): Promise<void> }> = [];
const runs: Array<{ args: string[]; stdout: string; stderr: string }> = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function mlship(...args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: project ?? dir.path,
      // init writes ${REDIS_PASSWORD} in release.yaml; the deploy reads it from the environment, as CI would.
      env: { PATH: process.env.PATH ?? '', HOME: dir.path, CI: 'true', REDIS_PASSWORD, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => {
      runs.push({ args, stdout, stderr });
      done({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** `--json` runs: the result is one JSON document on stdout; logs are JSON lines on stderr. */
async function json(
  ...args: string[]
): Promise<{ code: number; data: Record<string, unknown>; stderr: string }> {
  const run = await mlship(...args, '--json');
  const data = run.stdout.trim() === '' ? {} : JSON.parse(run.stdout);
  for (const line of run.stderr.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  return { code: run.code, data, stderr: run.stderr };
}

const mutating = () => aws.mutatingCalls().map((c) => `${c.service}:${c.operation}`);
const outputsFile = async (name: string) =>
  JSON.parse(await readFile(join(project, '.mlship', `${name}.outputs.json`), 'utf8'));
async function editRelease(from: string | RegExp, to: string): Promise<void> {
  const file = join(project, 'release.yaml');
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  await writeFile(file, next);
}

/** Every secret the chain holds, read from the fakes after each deploy (so a leak of any of them is caught). */
const secrets = new Set<string>([REDIS_PASSWORD]);
function rememberSecrets(): void {
  for (const pool of aws.cognito.pools.values())
    for (const client of pool.clients.values()) if (client.ClientSecret) secrets.add(client.ClientSecret);
  for (const key of aws.apigateway.apiKeys.values()) if (key.value) secrets.add(key.value);
  for (const fn of aws.lambda.functions.values()) {
    const secret = fn.latest.Environment?.Variables.ORIGIN_SECRET;
    if (secret) secrets.add(secret);
  }
}

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm run build\` before the CLI tests`);
  aws = await startFakeAws({ transitionAfterDescribes: 0 });
  // The proxy handlers run here, as Lambda would run them: their SDK client finds the runtime fake through these.
  Object.assign(process.env, aws.env);
  apigee = await startFakeApigee({ organizations: { 'acme-org': ['staging'] } });
  redis = await startRedisServer({ password: REDIS_PASSWORD });
  handlers = handlersFromEnvironment(aws.lambda, (environment) => {
    const proxy = createProxy(readProxyConfig(environment), { writeMetrics: () => {} });
    proxies.push(proxy);
    return (event) => proxy.handler(event as unknown as ProxyEvent) as ReturnType<ProxyHandler>;
  });
  gateway = await startInvokeGateway({
    apigateway: aws.apigateway,
    cognito: aws.cognito,
    lambda: aws.lambda,
    jwks: () => aws.tokens.key.jwks(),
    resolveHandler: handlers,
  });
  aws.runtime.setDefaultHandler(({ body }) => {
    const request = JSON.parse(body.toString('utf8')) as { instances: unknown[] };
    return { body: JSON.stringify({ predictions: request.instances.map(() => 1) }) };
  });
  aws.ecr.putImage('demo', 'v1');
  // What the deploy preflight checks: an execution role SageMaker can assume and pull with, and instance quota.
  aws.iam.seedRole('sm-exec', {
    trustService: 'sagemaker.amazonaws.com',
    policies: { pull: { Statement: [{ Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' }] } },
  });
  aws.quotas.seedQuota({
    serviceCode: 'sagemaker',
    quotaCode: 'L-4A6B4D1A',
    quotaName: 'ml.m5.large for endpoint usage',
    defaultValue: 0,
    appliedValue: 4,
  });
  dir = await tempDir();
  env = {
    ...aws.env,
    MLSHIP_APIGATEWAY_INVOKE_URL: gateway.urlTemplate,
    APIGEE_API_URL: apigee.url,
    GOOGLE_APPLICATION_CREDENTIALS: await apigee.sts.writeCredentials(join(dir.path, 'gcloud')),
    METADATA_SERVER_DETECTION: 'none',
    CLOUDSDK_CONFIG: join(dir.path, 'gcloud'),
    CIRCLE_SHA1: 'v1',
  };
});

afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await gateway?.close();
  await redis?.stop();
  await apigee?.stop();
  await aws?.stop();
  await dir?.cleanup();
});

describe('the whole chain through the built CLI (init → validate → deploy → call → status → rollback → destroy)', () => {
  it('init makes a project with dev on API Gateway and staging on Apigee that validates', async () => {
    const init = await mlship(
      'init',
      'demo',
      '--yes',
      '--no-git',
      '--framework',
      'custom',
      '--envs',
      'dev,staging',
      '--front',
      'dev=apigateway,staging=apigee',
      '--apigee-org',
      'acme-org',
      '--jwks-uri',
      'https://auth.acme.test/.well-known/jwks.json',
      '--role-arn',
      'arn:aws:iam::123456789012:role/sm-exec',
      '--cache',
      '--redis-url',
      redis.url,
      '--team',
      'qa',
    );
    expect(init.code).toBe(0);
    project = join(dir.path, 'demo');
    const validate = await json('validate');
    expect(validate.code).toBe(0);
  });

  it('dev: a dry run plans all four targets and changes nothing', async () => {
    const dry = await json('deploy', '--env', 'dev', '--dry-run');
    expect(dry.code).toBe(0);
    expect((dry.data.plans as Array<{ target: string }>).map((p) => p.target)).toEqual([
      'sagemaker',
      'lambda',
      'apigateway',
      'monitoring',
    ]);
    expect(mutating()).toEqual([]);
  });

  it('dev: deploys the chain, writes every target to the outputs file, and a re-run makes no mutating call', async () => {
    const first = await json('deploy', '--env', 'dev');
    expect(first.code, first.stderr).toBe(0);
    expect(first.data.changed).toBe(true);
    rememberSecrets();
    const file = await outputsFile('dev');
    expect(Object.keys(file.targets)).toEqual(['sagemaker', 'lambda', 'apigateway', 'monitoring']);
    expect(file.targets.lambda.cacheEndpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(file.targets.apigateway.invokeUrl).toContain(file.targets.apigateway.restApiId);

    aws.calls.length = 0;
    const again = await json('deploy', '--env', 'dev');
    expect(again.code).toBe(0);
    expect(again.data.changed, JSON.stringify(again.data.plans)).toBe(false);
    expect(mutating()).toEqual([]);
  });

  it('dev: a throttle change touches only API Gateway, an instance count only SageMaker, a cache TTL only Lambda', async () => {
    await editRelease(
      'throttle: { rateLimit: 50, burstLimit: 100 }',
      'throttle: { rateLimit: 20, burstLimit: 40 }',
    );
    aws.calls.length = 0;
    expect((await json('deploy', '--env', 'dev')).code).toBe(0);
    expect(new Set(mutating())).toEqual(new Set(['apigateway:UpdateStage', 'apigateway:UpdateUsagePlan']));

    await editRelease(/count: 1\b/, 'count: 2');
    aws.calls.length = 0;
    expect((await json('deploy', '--env', 'dev')).code).toBe(0);
    expect(new Set(mutating().map((call) => call.split(':')[0]))).toEqual(new Set(['sagemaker']));

    await editRelease(/ttl: \d+/, 'ttl: 600');
    aws.calls.length = 0;
    expect((await json('deploy', '--env', 'dev')).code).toBe(0);
    expect(mutating()).toEqual([
      'lambda:UpdateFunctionConfiguration',
      'lambda:PublishVersion',
      'lambda:UpdateAlias',
    ]);
    expect(aws.lambda.functions.get('demo-dev-proxy')?.latest.Environment?.Variables.CACHE_TTL_SECONDS).toBe(
      '600',
    );
  });

  it('dev: `call` goes token → API Gateway → the proxy → the model, MISS then HIT from the real Redis', async () => {
    const data = '{"instances":[[5.1,3.5,1.4,0.2]]}';
    const first = await json('call', '--env', 'dev', '--data', data);
    expect(first.code).toBe(0);
    expect(first.data).toMatchObject({ status: 200, xCache: 'MISS', body: { predictions: [1] } });
    const second = await json('call', '--env', 'dev', '--data', data);
    expect(second.data).toMatchObject({ status: 200, xCache: 'HIT' });
    expect(aws.runtime.invocations('demo-dev')).toHaveLength(1);
  });

  it('dev: status, rollback (one deploy at a time: the TTL, then the instance count; the throttle has no version) and destroy', async () => {
    const status = await json('status', '--env', 'dev');
    expect(status.code).toBe(0);
    expect((status.data.targets as Array<{ target: string }>).map((t) => t.target)).toEqual([
      'sagemaker',
      'lambda',
      'apigateway',
      'monitoring',
    ]);
    const before = (await outputsFile('dev')).targets;

    // The last deploy changed only the cache TTL: only the Lambda alias goes back.
    aws.calls.length = 0;
    const back = await mlship('rollback', '--env', 'dev');
    expect(back.code).toBe(0);
    expect(back.stdout).toContain(`sagemaker: unchanged (already at ${before.sagemaker.endpointConfigName})`);
    const lambda = /^lambda: rolled back (\d+) → (\d+)$/m.exec(back.stdout);
    expect(lambda?.[1]).toBe(before.lambda.version);
    expect(mutating()).toEqual(['lambda:UpdateAlias']);
    expect((await outputsFile('dev')).targets.lambda.version).toBe(lambda?.[2]);

    // Again: the deploy before changed only the instance count, so SageMaker goes back and the Lambda stays.
    const again = await mlship('rollback', '--env', 'dev');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^sagemaker: rolled back demo-dev-\w+ → demo-dev-\w+$/m);
    expect(again.stdout).toContain(`lambda: unchanged (already at ${lambda?.[2]})`);
    expect((await outputsFile('dev')).targets.sagemaker.endpointConfigName).not.toBe(
      before.sagemaker.endpointConfigName,
    );

    // The deploy before that changed only API Gateway's throttle, which has no version to return to.
    const nothing = await mlship('rollback', '--env', 'dev');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('ROLLBACK_NOTHING');
    const history = await readFile(join(project, '.mlship', 'dev.history.json'), 'utf8');
    expect(JSON.parse(history).entries.map((e: { kind: string }) => e.kind)).toEqual([
      'deploy',
      'deploy',
      'deploy',
      'deploy',
      'rollback',
      'rollback',
    ]);
    for (const secret of secrets) expect(history).not.toContain(secret);
    expect(Object.keys((await outputsFile('dev')).targets)).toEqual([
      'sagemaker',
      'lambda',
      'apigateway',
      'monitoring',
    ]);

    const refused = await mlship('destroy', '--env', 'dev');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('CONFIRMATION_REQUIRED');
    const gone = await json('destroy', '--env', 'dev', '--yes');
    expect(gone.code).toBe(0);
    expect((await outputsFile('dev')).targets).toEqual({});
    expect(aws.sagemaker.endpoints.size).toBe(0);
    expect(aws.apigateway.restApis.size).toBe(0);
    expect(aws.cognito.pools.size).toBe(0);
  });

  it('staging: the Lambda hands its Function URL and origin secret to Apigee; a re-run changes nothing', async () => {
    const deploy = await json('deploy', '--env', 'staging');
    expect(deploy.code, deploy.stderr).toBe(0);
    rememberSecrets();
    const fn = aws.lambda.functions.get('demo-staging-proxy');
    const secret = fn?.latest.Environment?.Variables.ORIGIN_SECRET;
    expect(secret).toMatch(/^[\w-]{43}$/);
    const org = apigee.org('acme-org');
    expect(org.kvms.get('staging')?.get('demo-staging-secrets')?.entries.get('origin-secret')).toBe(secret);
    const file = await outputsFile('staging');
    expect(org.targetServers.get('staging')?.get('demo-staging-aws')?.host).toBe(
      new URL(file.targets.lambda.functionUrl).hostname,
    );
    expect(org.deploymentsOf('staging', 'demo-staging')).toMatchObject([{ revision: 1, state: 'READY' }]);
    // What Apigee sends through its Function URL target: the KVM-held secret opens the live alias's handler.
    const live = handlers(file.targets.lambda.aliasArn);
    const viaUrl = (headers: Record<string, string>) =>
      live?.({
        version: '2.0',
        rawPath: '/predict',
        headers: { 'content-type': 'application/json', ...headers },
        requestContext: { http: { method: 'POST', path: '/predict' } },
        body: '{"instances":[[1,2,3,4]]}',
        isBase64Encoded: false,
      });
    expect((await viaUrl({ 'x-mlship-origin-secret': secret as string }))?.statusCode).toBe(200);
    expect((await viaUrl({}))?.statusCode).toBe(403);

    aws.calls.length = 0;
    apigee.calls.length = 0;
    const again = await json('deploy', '--env', 'staging');
    expect(again.code).toBe(0);
    expect(again.data.changed).toBe(false);
    expect(mutating()).toEqual([]);
    expect(apigee.mutatingCalls()).toEqual([]);

    const gone = await json('destroy', '--env', 'staging', '--yes');
    expect(gone.code).toBe(0);
    expect(org.deploymentsOf('staging', 'demo-staging').filter((d) => d.state === 'READY')).toEqual([]);
  });

  it('a wrong environment is a usage error (exit 2); no run printed a stack trace or a secret', async () => {
    const wrong = await mlship('deploy', '--env', 'nope');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('ENV_NOT_FOUND');
    // Redis password, client secret, API key value, origin secret.
    expect(secrets.size).toBe(4);
    for (const run of runs) {
      expect(run.stderr, run.args.join(' ')).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      for (const secret of secrets) {
        expect(run.stdout, run.args.join(' ')).not.toContain(secret);
        expect(run.stderr, run.args.join(' ')).not.toContain(secret);
      }
    }
  });
});
