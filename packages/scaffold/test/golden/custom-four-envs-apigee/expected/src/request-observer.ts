import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { ServerMetrics } from './metrics.js';

/**
 * Sees every request start and finish through Fastify's log controller, which Fastify calls anyway:
 * cheaper on the hot path than onRequest/onResponse hooks. It echoes the request id, records metrics and
 * logs one line per request (5xx always, every request at LOG_LEVEL=debug or trace).
 */
export class RequestObserver extends LogController {
  /** The URLs of the registered routes (filled by an onRoute hook); none has path parameters. */
  readonly routes = new Set<string>();
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
    const route = this.routeOf(request);
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

  /** The route label without `request.routeOptions`, which builds a new object on every access. */
  private routeOf(request: FastifyRequest): string {
    if (request.is404) return 'unmatched';
    const url = request.url;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    return this.routes.has(path) ? path : (request.routeOptions.url ?? 'unmatched');
  }
}
