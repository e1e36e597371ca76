import { MlshipError } from './errors.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The network error code behind an SDK failure (`ECONNREFUSED`, …), or undefined for anything else. */
export function networkErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; name?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof candidate.code === 'string' && NETWORK_CODES.has(candidate.code)) return candidate.code;
    if (candidate.name === 'TimeoutError') return 'ETIMEDOUT';
    const inner = Array.isArray(candidate.errors)
      ? candidate.errors.map(networkErrorCode).find(Boolean)
      : undefined;
    if (inner) return inner;
    current = candidate.cause;
  }
  return undefined;
}

/** `AWS_ENDPOINT_URL_<SERVICE>` for an SDK service id, e.g. `Application Auto Scaling` → `…_APPLICATION_AUTO_SCALING`. */
export function endpointVariable(serviceId: string): string {
  return `AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

export interface NetworkFailure {
  code: string;
  service: string;
  /** The URL the request went to. */
  url: string;
  env: Record<string, string | undefined>;
}

/** One clear error for a service that cannot be reached, naming the URL and the variable that chose it. */
export function networkError(failure: NetworkFailure, cause: unknown): MlshipError {
  const variable = endpointVariable(failure.service);
  const setBy = failure.env[variable]
    ? variable
    : failure.env.AWS_ENDPOINT_URL
      ? 'AWS_ENDPOINT_URL'
      : undefined;
  const hint = setBy
    ? `${setBy}=${failure.env[setBy]} sends ${failure.service} requests there: start the service at that address, or \`unset ${setBy}\` to use AWS itself.`
    : `Check the network, proxy (HTTPS_PROXY) and region. To use a local emulator instead, set ${variable} (this service) or AWS_ENDPOINT_URL (every service), e.g. AWS_ENDPOINT_URL=http://localhost:4566.`;
  return new MlshipError(
    'AWS_UNREACHABLE',
    `Cannot reach ${failure.service} at ${failure.url} (${failure.code}).`,
    {
      kind: 'deploy',
      hint,
      cause,
      details: { url: failure.url, code: failure.code, service: failure.service },
    },
  );
}

interface HttpRequestLike {
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
}

interface MiddlewareClient {
  config?: { serviceId?: string };
  middlewareStack?: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: string; name: string; priority?: string },
    ): void;
  };
}

function urlOf(request: HttpRequestLike | undefined): string {
  if (!request?.hostname) return '(unknown endpoint)';
  const port = request.port ? `:${request.port}` : '';
  return `${request.protocol ?? 'https:'}//${request.hostname}${port}${request.path && request.path !== '/' ? request.path : ''}`;
}

/**
 * Wraps every request of an SDK client (outside its retries, after the endpoint is resolved) so that a network
 * failure surfaces as AWS_UNREACHABLE naming the URL that was tried.
 */
export function mapNetworkErrors(client: unknown, env: Record<string, string | undefined>): void {
  const target = client as MiddlewareClient;
  if (!target.middlewareStack) return;
  const service = target.config?.serviceId ?? 'AWS';
  target.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const code = networkErrorCode(error);
        if (!code) throw error;
        const request = (args as { request?: HttpRequestLike }).request;
        throw networkError({ code, service, url: urlOf(request), env }, error);
      }
    },
    { step: 'build', name: 'mlshipNetworkErrors', priority: 'high' },
  );
}
