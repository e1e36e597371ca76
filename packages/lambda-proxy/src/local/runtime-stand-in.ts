import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { closeServer, listen, readBody } from './http-util.js';

/** An error SageMaker Runtime itself would answer with (restJson1: `x-amzn-ErrorType` + a JSON body). */
export interface RuntimeError {
  status: number;
  type: string;
  message: string;
}

export interface RuntimeStandInOptions {
  /** Base URL of the inference server (or one per endpoint name); requests go to its `POST /invocations`. */
  upstream: string | ((endpointName: string) => string);
  /** Endpoint names that exist; any name when omitted. */
  endpoints?: readonly string[];
  port?: number;
  host?: string;
  /** How long the container may take, like SageMaker's 60 s invocation limit. */
  timeoutMs?: number;
  /** A test control: an error to answer with instead of calling the container. */
  intercept?: (endpointName: string) => RuntimeError | undefined;
}

export interface RuntimeStandIn {
  /** Point the SDK here with AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME. */
  url: string;
  port: number;
  /** Requests forwarded to the container for that endpoint. */
  invocations(endpointName: string): number;
  close(): Promise<void>;
}

const ACCOUNT = '000000000000';
const PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;
const PATH = /^\/endpoints\/([^/]+)\/invocations$/;

/**
 * SageMaker Runtime's `InvokeEndpoint` on one machine: `POST /endpoints/<name>/invocations` is forwarded to a
 * local inference server, and a 4xx/5xx from it comes back as the `ModelError` (424) the SDK parses, so the SDK's
 * signing, serialisation and error parsing are the real ones.
 */
export async function startRuntimeStandIn(options: RuntimeStandInOptions): Promise<RuntimeStandIn> {
  const counts = new Map<string, number>();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const server = createServer(async (request, response) => {
    const match = PATH.exec(request.url?.split('?')[0] ?? '');
    const body = await readBody(request, PAYLOAD_LIMIT_BYTES);
    if (!match || request.method !== 'POST') {
      return awsError(response, {
        status: 404,
        type: 'UnknownOperationException',
        message: 'Unknown operation',
      });
    }
    const name = decodeURIComponent(match[1] as string);
    if (!body) {
      return awsError(response, {
        status: 413,
        type: 'ValidationError',
        message: `Request payload exceeds the ${PAYLOAD_LIMIT_BYTES} byte limit.`,
      });
    }
    // SigV4 for the `sagemaker` signing name, as SageMaker Runtime requires (the signature itself is not checked).
    if (
      !/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[\w-]+\/sagemaker\/aws4_request,/.test(
        request.headers.authorization ?? '',
      )
    ) {
      return awsError(response, {
        status: 403,
        type: 'MissingAuthenticationTokenException',
        message: 'Missing Authentication Token',
      });
    }
    if (options.endpoints && !options.endpoints.includes(name)) {
      return awsError(response, {
        status: 400,
        type: 'ValidationError',
        message: `Endpoint ${name} of account ${ACCOUNT} not found.`,
      });
    }
    const injected = options.intercept?.(name);
    if (injected) return awsError(response, injected);
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const upstream = typeof options.upstream === 'string' ? options.upstream : options.upstream(name);
    await forward(response, upstream, name, body, request.headers, timeoutMs);
  });
  const { url, port } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return { url, port, invocations: (name) => counts.get(name) ?? 0, close: () => closeServer(server) };
}

async function forward(
  response: ServerResponse,
  upstream: string,
  name: string,
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
  timeoutMs: number,
): Promise<void> {
  let answer: Response;
  let text: Buffer;
  try {
    answer = await fetch(new URL('/invocations', upstream), {
      method: 'POST',
      headers: {
        'content-type': String(headers['content-type'] ?? 'application/octet-stream'),
        accept: String(headers.accept ?? '*/*'),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = Buffer.from(await answer.arrayBuffer());
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return modelError(response, name, {
      Message: timedOut
        ? 'Your invocation timed out while waiting for a response from container primary. Review the latency metrics for each container in Amazon CloudWatch, resolve the issue, and try again.'
        : `An error occurred while sending the request to container primary: ${(error as Error).message}`,
    });
  }
  if (answer.ok) {
    response
      .writeHead(200, {
        'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
        'x-amzn-invoked-production-variant': 'AllTraffic',
        'x-amzn-requestid': randomUUID(),
      })
      .end(text);
    return;
  }
  const original = text.toString('utf8');
  const kind = answer.status < 500 ? 'client' : 'server';
  modelError(response, name, {
    Message: `Received ${kind} error (${answer.status}) from primary with message "${original}". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/${name} in account ${ACCOUNT} for more information.`,
    OriginalStatusCode: answer.status,
    OriginalMessage: original,
  });
}

function modelError(response: ServerResponse, name: string, fields: Record<string, unknown>): void {
  const body = {
    ...fields,
    LogStreamArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/sagemaker/Endpoints/${name}`,
  };
  send(response, 424, 'ModelError', body);
}

function awsError(response: ServerResponse, error: RuntimeError): void {
  send(response, error.status, error.type, { message: error.message });
}

function send(response: ServerResponse, status: number, type: string, body: object): void {
  response
    .writeHead(status, {
      'content-type': 'application/json',
      'x-amzn-errortype': type,
      'x-amzn-requestid': randomUUID(),
    })
    .end(JSON.stringify(body));
}
