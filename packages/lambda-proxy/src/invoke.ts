import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { ProxyError } from './errors.js';
import { logLine } from './log.js';

export interface Prediction {
  /** The response body as text (UTF-8) or base64 for binary content types. */
  body: string;
  base64: boolean;
  contentType: string;
}

export type Invoke = (endpointName: string, body: Buffer, timeoutMs: number) => Promise<Prediction>;

/** InvokeEndpoint with the standard SDK configuration (AWS_REGION, AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME, …). */
export function sageMakerInvoke(client = new SageMakerRuntimeClient({})): Invoke {
  return async (endpointName, body, timeoutMs) => {
    let output: { Body?: Uint8Array; ContentType?: string };
    try {
      output = await client.send(
        new InvokeEndpointCommand({
          EndpointName: endpointName,
          Body: body,
          ContentType: 'application/json',
          Accept: 'application/json',
        }),
        { abortSignal: AbortSignal.timeout(timeoutMs) },
      );
    } catch (error) {
      throw invokeError(error, endpointName, timeoutMs);
    }
    const contentType = output.ContentType ?? 'application/json';
    const bytes = Buffer.from(output.Body ?? new Uint8Array());
    const text = /^(application\/([\w.+-]*json|xml)|text\/)/i.test(contentType);
    return { body: bytes.toString(text ? 'utf8' : 'base64'), base64: !text, contentType };
  };
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  OriginalStatusCode?: number;
  OriginalMessage?: string;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ThrottledException',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ETIMEDOUT']);

/** Maps what InvokeEndpoint threw to the status a client of the proxy can act on. */
export function invokeError(error: unknown, endpointName: string, timeoutMs: number): ProxyError {
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? '';
  const message = e.message ?? String(error);
  if (name === 'ModelError') {
    if (/timed out/i.test(message) && e.OriginalStatusCode === undefined) return timeout(timeoutMs);
    const model = modelAnswer(e);
    return new ProxyError(
      424,
      'MODEL_ERROR',
      model.message,
      {},
      {
        originalStatusCode: e.OriginalStatusCode,
        ...(model.code ? { modelCode: model.code } : {}),
      },
    );
  }
  if (name === 'AbortError' || name === 'TimeoutError') return timeout(timeoutMs);
  if (name === 'ModelNotReadyException') {
    return new ProxyError(503, 'MODEL_NOT_READY', `the model is not ready: ${message}`, {
      'retry-after': '5',
    });
  }
  if (THROTTLING.has(name) || (e.$metadata?.httpStatusCode === 429 && name !== 'ModelError')) {
    return new ProxyError(429, 'THROTTLED', 'SageMaker throttled the request; retry shortly', {
      'retry-after': '1',
    });
  }
  if (name === 'ServiceUnavailable') {
    return new ProxyError(503, 'SERVICE_UNAVAILABLE', 'SageMaker Runtime is unavailable; retry shortly', {
      'retry-after': '1',
    });
  }
  if (name === 'ValidationError') {
    const missing = /not found|does not exist|could not find/i.test(message);
    return new ProxyError(
      502,
      missing ? 'ENDPOINT_NOT_FOUND' : 'UPSTREAM_REJECTED',
      missing
        ? `endpoint ${endpointName} was not found: ${message}`
        : `SageMaker rejected the request: ${message}`,
    );
  }
  if (
    name === 'InternalFailure' ||
    name === 'InternalDependencyException' ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500
  ) {
    return new ProxyError(502, 'UPSTREAM_ERROR', `SageMaker Runtime failed: ${message}`);
  }
  if (e.code && NETWORK.has(e.code)) {
    return new ProxyError(502, 'UPSTREAM_UNREACHABLE', `SageMaker Runtime is unreachable (${e.code})`);
  }
  logLine('ERROR', 'PROXY_INVOKE_FAILED', 'InvokeEndpoint failed unexpectedly', { name, error: message });
  return new ProxyError(500, 'INTERNAL_ERROR', 'internal error; the proxy log has the details');
}

function timeout(timeoutMs: number): ProxyError {
  return new ProxyError(
    504,
    'PREDICTION_TIMEOUT',
    `the endpoint did not answer within ${timeoutMs} ms (INVOKE_TIMEOUT_MS)`,
  );
}

/** The inference server's own message and code when the model answered with its JSON error shape. */
function modelAnswer(e: SdkError): { message: string; code?: string } {
  const original = e.OriginalMessage;
  if (!original) return { message: e.message ?? 'the model returned an error' };
  try {
    const parsed = JSON.parse(original) as { message?: unknown; code?: unknown };
    if (typeof parsed.message === 'string') {
      return { message: parsed.message, ...(typeof parsed.code === 'string' ? { code: parsed.code } : {}) };
    }
  } catch {}
  return { message: original };
}
