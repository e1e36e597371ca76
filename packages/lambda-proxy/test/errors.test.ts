import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxy, type ProxyEnv, type ProxyEvent, readProxyConfig } from '../src/index.js';
import { type RuntimeError, type RuntimeStandIn, startRuntimeStandIn } from '../src/local/index.js';
import { functionUrlEvent, parse, v1Event, v2Event } from './support/events.js';
import { useRuntimeStandIn } from './support/sdk-env.js';
import { startStubUpstream } from './support/stub-upstream.js';

// Error mapping, validation, routing, the origin secret and the three event formats, through the real SDK client
// and the SageMaker Runtime stand-in; the model behind it is a stub whose answer each request picks.
let upstream: Awaited<ReturnType<typeof startStubUpstream>>;
let runtime: RuntimeStandIn;
let injected: RuntimeError | undefined;

beforeAll(async () => {
  upstream = await startStubUpstream((body) => {
    const { status = 200, delayMs = 0, message = 'ok' } = JSON.parse(body) as Record<string, never>;
    const answer =
      status === 200
        ? { predictions: [[0.1, 0.9]] }
        : {
            statusCode: status,
            code: status < 500 ? 'INVALID_INPUT' : 'INTERNAL_ERROR',
            message,
            requestId: 'm1',
          };
    return { status, delayMs, body: JSON.stringify(answer) };
  });
  runtime = await startRuntimeStandIn({
    upstream: upstream.url,
    endpoints: ['model'],
    timeoutMs: 1000,
    intercept: () => injected,
  });
  useRuntimeStandIn(runtime.url);
});

afterAll(async () => {
  await runtime?.close();
  await upstream?.close();
});

const proxyWith = (env: ProxyEnv = {}) =>
  createProxy(readProxyConfig({ ENDPOINT_NAME: 'model', MODEL_VERSION: 'v1', ...env }), {
    writeMetrics: () => {},
  });

async function call(event: ProxyEvent, env: ProxyEnv = {}) {
  const result = await proxyWith(env).handler(event);
  return { status: result.statusCode, headers: result.headers, body: parse(result.body) };
}

describe('model and SageMaker Runtime errors', () => {
  it('answers 424 MODEL_ERROR with the model message and status when the model answers 4xx', async () => {
    const answer = await call(
      v1Event('/predict', { status: 400, message: 'instances[0] must hold 4 numbers' }),
    );
    expect(answer.status).toBe(424);
    expect(answer.body).toEqual({
      statusCode: 424,
      code: 'MODEL_ERROR',
      message: 'instances[0] must hold 4 numbers',
      requestId: 'req-v1',
      originalStatusCode: 400,
      modelCode: 'INVALID_INPUT',
    });
    expect(answer.headers['x-request-id']).toBe('req-v1');
  });

  it('answers 424 MODEL_ERROR when the model fails with a 5xx', async () => {
    const answer = await call(v1Event('/predict', { status: 500, message: 'onnxruntime failed' }));
    expect(answer.body).toMatchObject({
      statusCode: 424,
      message: 'onnxruntime failed',
      originalStatusCode: 500,
    });
  });

  it('answers 504 PREDICTION_TIMEOUT when the endpoint takes longer than INVOKE_TIMEOUT_MS', async () => {
    const answer = await call(v1Event('/predict', { delayMs: 800 }), { INVOKE_TIMEOUT_MS: '200' });
    expect(answer.body).toMatchObject({ statusCode: 504, code: 'PREDICTION_TIMEOUT' });
    expect(answer.body.message).toContain('INVOKE_TIMEOUT_MS');
  });

  it('answers 504 when SageMaker itself reports that the container timed out', async () => {
    const answer = await call(v1Event('/predict', { delayMs: 1500 }));
    expect(answer.body).toMatchObject({ statusCode: 504, code: 'PREDICTION_TIMEOUT' });
  });

  it('answers 502 ENDPOINT_NOT_FOUND when the endpoint does not exist', async () => {
    const answer = await call(v1Event('/predict', {}), { ENDPOINT_NAME: 'gone' });
    expect(answer.body).toMatchObject({ statusCode: 502, code: 'ENDPOINT_NOT_FOUND' });
    expect(answer.body.message).toContain('gone');
  });

  it.each([
    [{ status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }, 429, 'THROTTLED', '1'],
    [{ status: 429, type: 'ModelNotReadyException', message: 'still loading' }, 503, 'MODEL_NOT_READY', '5'],
    [{ status: 503, type: 'ServiceUnavailable', message: 'try again' }, 503, 'SERVICE_UNAVAILABLE', '1'],
    [{ status: 500, type: 'InternalFailure', message: 'boom' }, 502, 'UPSTREAM_ERROR', undefined],
    [{ status: 400, type: 'ValidationError', message: 'bad header' }, 502, 'UPSTREAM_REJECTED', undefined],
  ])('maps %j to %i %s', async (error, status, code, retryAfter) => {
    injected = error;
    try {
      const answer = await call(v1Event('/predict', {}));
      expect(answer.body).toMatchObject({ statusCode: status, code });
      expect(answer.headers['retry-after']).toBe(retryAfter);
    } finally {
      injected = undefined;
    }
  });
});

describe('request validation and routing', () => {
  it('answers 413 PAYLOAD_TOO_LARGE above MAX_BODY_BYTES without calling the endpoint', async () => {
    const before = runtime.invocations('model');
    const answer = await call(v1Event('/predict', { instances: [Array(40).fill(1.5)] }), {
      MAX_BODY_BYTES: '64',
    });
    expect(answer.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(runtime.invocations('model')).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"instances": [1,', 400, 'INVALID_JSON'],
    ['an empty body', '', 400, 'EMPTY_BODY'],
    ['a JSON array', '[1, 2]', 400, 'INVALID_INPUT'],
  ])('answers %s with %i %s', async (_what, body, status, code) => {
    const answer = await call(v1Event('/predict', body));
    expect(answer.body).toMatchObject({ statusCode: status, code, requestId: 'req-v1' });
  });

  it('answers 415 for a body that is not JSON', async () => {
    const answer = await call(v1Event('/predict', 'a,b\n', { 'Content-Type': 'text/csv' }));
    expect(answer.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('requires a non-empty instances list on /predict/batch', async () => {
    const answer = await call(v1Event('/predict/batch', { inputs: {} }));
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((await call(v1Event('/predict/batch', { instances: [[1]] }))).status).toBe(200);
  });

  it.each([
    ['POST', '/predictions'],
    ['POST', '/predict/batch/more'],
    ['GET', '/predict'],
  ])('answers %s %s with 404 NOT_FOUND', async (method, path) => {
    const answer = await call(v1Event(path, {}, {}, method));
    expect(answer.body).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: `no route for ${method} ${path}`,
    });
  });
});

describe('event formats', () => {
  it.each([
    ['REST API (v1)', v1Event('/predict', { instances: [[1]] })],
    ['REST API (v1) on a custom domain base path', v1Event('/iris/v1/predict/batch', { instances: [[1]] })],
    ['HTTP API (v2), default stage, base64 body', v2Event('/invocations', { instances: [[1]] })],
    ['HTTP API (v2), named stage', v2Event('/prod/predict', { instances: [[1]] }, 'prod')],
    ['Function URL', functionUrlEvent('/predict', { instances: [[1]] })],
  ])('answers a %s event', async (_format, event) => {
    const answer = await call(event);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ predictions: [[0.1, 0.9]] });
    expect(answer.headers['content-type']).toBe('application/json');
  });

  it('answers 404 for a route that only a stage-less path would match', async () => {
    expect((await call(v2Event('/prod/other', {}, 'prod'))).status).toBe(404);
  });
});

describe('origin secret (Apigee → Function URL)', () => {
  const env = { ORIGIN_SECRET: 'x'.repeat(43) };
  const event = (secret?: string) =>
    functionUrlEvent(
      '/predict',
      { instances: [[1]] },
      secret === undefined ? {} : { 'x-mlship-origin-secret': secret },
    );

  it('answers 403 FORBIDDEN without the header, with a wrong one, or one of another length', async () => {
    for (const secret of [undefined, 'y'.repeat(43), 'short']) {
      const answer = await call(event(secret), env);
      expect(answer.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    }
  });

  it('answers with the right header, and needs none when ORIGIN_SECRET is unset', async () => {
    expect((await call(event('x'.repeat(43)), env)).status).toBe(200);
    expect((await call(event())).status).toBe(200);
  });

  it('checks the secret before anything else: a wrong route without it is still 403', async () => {
    const answer = await call(functionUrlEvent('/nope', '{'), env);
    expect(answer.status).toBe(403);
  });
});

describe('the SageMaker Runtime stand-in', () => {
  it('refuses unsigned requests and unknown paths with the errors AWS gives', async () => {
    const unsigned = await fetch(`${runtime.url}/endpoints/model/invocations`, {
      method: 'POST',
      body: '{}',
    });
    expect([unsigned.status, unsigned.headers.get('x-amzn-errortype')]).toEqual([
      403,
      'MissingAuthenticationTokenException',
    ]);
    const unknown = await fetch(`${runtime.url}/endpoints/model`, { method: 'POST', body: '{}' });
    expect([unknown.status, unknown.headers.get('x-amzn-errortype')]).toEqual([
      404,
      'UnknownOperationException',
    ]);
  });
});
