import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { ServerMetrics } from './metrics.js';

/**
 * Sees every request start and finish through Fastify's log controller, which Fastify calls anyway:
 * cheaper on the hot path than onRequest/onResponse hooks. It echoes the request id, records metrics and
 * logs one line per request (5xx always, every request at LOG_LEVEL=debug or trace).
 */
export class RequestObserver extends LogController {
  private readonly logEveryRequest: boolean;

  constructor(
    private readonly metrics: ServerMetrics,
    logLevel: string,
  ) {
    super({ disableRequestLogging: true, requestIdLogLabel: 'requestId' });
    this.logEveryRequest = logLevel === 'debug' || logLevel === 'trace';
  }

  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    reply.header('x-request-id', request.id);
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const status = reply.statusCode;
    const route = request.routeOptions.url ?? 'unmatched';
    this.metrics.observeRequest(route, request.method, status, reply.elapsedTime / 1000);
    if (status >= 500 || error || this.logEveryRequest) {
      const line = {
        method: request.method,
        url: request.url,
        statusCode: status,
        responseTimeMs: reply.elapsedTime,
      };
      if (error) reply.log.error({ ...line, err: error }, 'request errored');
      else reply.log[status >= 500 ? 'warn' : 'debug'](line, 'request completed');
    }
  }
}
