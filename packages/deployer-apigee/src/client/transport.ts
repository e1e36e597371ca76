import { createHash } from 'node:crypto';
import type { AuthClient } from 'google-auth-library';
import { apigeeError, statusOf } from './errors.js';

export const DEFAULT_API_URL = 'https://apigee.googleapis.com';

interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** A bundle zip sent as the multipart/form-data part `file`. */
  zip?: Uint8Array;
  /** Answer undefined instead of failing on 404. */
  allow404?: boolean;
  /** The body holds a secret: a failure keeps no reference to the request (which --debug could print). */
  secret?: boolean;
}

function multipart(zip: Uint8Array): { data: Buffer; contentType: string } {
  const boundary = `mlship-${createHash('sha256').update(zip).digest('hex').slice(0, 32)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bundle.zip"\r\nContent-Type: application/zip\r\n\r\n`;
  const data = Buffer.concat([Buffer.from(head), Buffer.from(zip), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { data, contentType: `multipart/form-data; boundary=${boundary}` };
}

export const enc = encodeURIComponent;

/** Sends management-API requests through google-auth-library's authenticated client (token refresh, retries). */
export class ApigeeTransport {
  constructor(
    private readonly client: AuthClient,
    readonly baseUrl: string,
    readonly org: string,
  ) {}

  protected async call<R>(
    method: string,
    path: string,
    what: string,
    options: CallOptions = {},
  ): Promise<R | undefined> {
    const upload = options.zip ? multipart(options.zip) : undefined;
    try {
      const response = await this.client.request<R>({
        url: `${this.baseUrl}/v1/organizations/${enc(this.org)}${path}`,
        method: method as 'GET',
        ...(options.query ? { params: options.query } : {}),
        ...(upload
          ? { data: upload.data, headers: { 'Content-Type': upload.contentType } }
          : options.body !== undefined
            ? { data: options.body }
            : {}),
        responseType: 'json',
        retry: true,
        retryConfig: { retry: 3, httpMethodsToRetry: ['GET', 'PUT', 'DELETE'], noResponseRetries: 1 },
      });
      return response.data;
    } catch (error) {
      if (options.allow404 && statusOf(error) === 404) return undefined;
      const coded = apigeeError(error, what, this.baseUrl);
      if (options.secret) Object.defineProperty(coded, 'cause', { value: undefined });
      throw coded;
    }
  }

  protected async must<R>(method: string, path: string, what: string, options: CallOptions = {}): Promise<R> {
    return (await this.call<R>(method, path, what, options)) as R;
  }
}
