import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validationMessage } from './validation-message.js';

/** An error meant for the client: its status, code and message are sent as they are. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badInput = (message: string) => new HttpError(400, 'INVALID_INPUT', message);

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  requestId: string;
}

/** Every error leaves as `{ statusCode, code, message, requestId }`, never with a stack trace. */
export function registerErrorHandling(app: FastifyInstance, limits: { bodyLimitBytes: number }): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const { statusCode, code, message } = describe(error, limits, request.body);
    if (error instanceof HttpError) reply.headers(error.headers);
    if (code === 'PAYLOAD_TOO_LARGE') discardBody(request, reply, limits.bodyLimitBytes);
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, statusCode }, message);
    return sendError(request, reply, statusCode, code, message);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      404,
      'NOT_FOUND',
      `no route for ${request.method} ${request.url.split('?')[0]}`,
    ),
  );
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  code: string,
  message: string,
) {
  const body: ErrorBody = { statusCode, code, message, requestId: request.id };
  return reply.code(statusCode).type('application/json').send(JSON.stringify(body));
}

/**
 * Fastify answers an oversized body at once and closes the connection, so a client still sending sees a
 * broken pipe instead of the 413. When the declared length is modest, read and discard the rest instead:
 * the client finishes sending and then gets the JSON error. Bodies without a length still close.
 */
function discardBody(request: FastifyRequest, reply: FastifyReply, limit: number): void {
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length <= Math.max(4 * limit, 32 * 1024 * 1024)) {
    reply.removeHeader('connection');
    request.raw.resume();
  }
}

function describe(error: FastifyError | HttpError, limits: { bodyLimitBytes: number }, body: unknown) {
  if (error instanceof HttpError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return { statusCode: 400, code: 'VALIDATION_FAILED', message: validationMessage(fastifyError, body) };
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `request body is larger than ${limits.bodyLimitBytes} bytes (BODY_LIMIT_BYTES)`,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { statusCode: 400, code: 'EMPTY_BODY', message: 'request body is empty; send a JSON object' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        statusCode: 400,
        code: 'INVALID_JSON',
        message: `request body is not valid JSON: ${error.message}`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'unsupported Content-Type; send application/json (or text/csv, one instance per line)',
      };
  }
  if (error instanceof SyntaxError) {
    return {
      statusCode: 400,
      code: 'INVALID_JSON',
      message: `request body is not valid JSON: ${error.message}`,
    };
  }
  const statusCode = fastifyError.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    return { statusCode, code: fastifyError.code ?? 'BAD_REQUEST', message: error.message };
  }
  return {
    statusCode: 500,
    code: 'INTERNAL_ERROR',
    message: 'internal error; the server log has the details',
  };
}
