import { createHash } from 'node:crypto';
import type { AuthClient } from 'google-auth-library';
import { apigeeError, statusOf } from './errors.js';
import type * as T from './types.js';

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

const enc = encodeURIComponent;

/** The Apigee v1 management-API calls mlship makes, sent through google-auth-library's authenticated client. */
export class ApigeeApi {
  constructor(
    private readonly client: AuthClient,
    readonly baseUrl: string,
    readonly org: string,
  ) {}

  private async call<R>(
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

  private async must<R>(method: string, path: string, what: string, options: CallOptions = {}): Promise<R> {
    return (await this.call<R>(method, path, what, options)) as R;
  }

  getProxy(name: string) {
    return this.call<T.ApiProxy>('GET', `/apis/${enc(name)}`, `read API proxy ${name}`, { allow404: true });
  }

  getRevision(name: string, revision: string) {
    return this.must<T.ApiProxyRevision>(
      'GET',
      `/apis/${enc(name)}/revisions/${revision}`,
      `read ${name} revision ${revision}`,
    );
  }

  uploadBundle(name: string, zip: Uint8Array, action: 'import' | 'validate') {
    return this.must<T.ApiProxyRevision>('POST', '/apis', `${action} the bundle of ${name}`, {
      query: { name, action },
      zip,
    });
  }

  deleteRevision(name: string, revision: string) {
    return this.must(
      'DELETE',
      `/apis/${enc(name)}/revisions/${revision}`,
      `delete ${name} revision ${revision}`,
    );
  }

  deleteProxy(name: string) {
    return this.must('DELETE', `/apis/${enc(name)}`, `delete API proxy ${name}`);
  }

  private deploymentPath(env: string, name: string, revision: string) {
    return `/environments/${enc(env)}/apis/${enc(name)}/revisions/${revision}/deployments`;
  }

  async listDeployments(env: string, name: string): Promise<T.Deployment[]> {
    const list = await this.must<T.ListDeployments>(
      'GET',
      `/environments/${enc(env)}/apis/${enc(name)}/deployments`,
      `list deployments of ${name} in ${env}`,
    );
    return list?.deployments ?? [];
  }

  deploy(env: string, name: string, revision: string) {
    return this.must<T.Deployment>(
      'POST',
      this.deploymentPath(env, name, revision),
      `deploy ${name} revision ${revision} to ${env}`,
      {
        query: { override: 'true' },
      },
    );
  }

  deploymentStatus(env: string, name: string, revision: string) {
    return this.must<T.Deployment>(
      'GET',
      this.deploymentPath(env, name, revision),
      `read the deployment of ${name} revision ${revision}`,
    );
  }

  undeploy(env: string, name: string, revision: string) {
    return this.must(
      'DELETE',
      this.deploymentPath(env, name, revision),
      `undeploy ${name} revision ${revision} from ${env}`,
    );
  }

  getTargetServer(env: string, name: string) {
    return this.call<T.TargetServer>(
      'GET',
      `/environments/${enc(env)}/targetservers/${enc(name)}`,
      `read target server ${name}`,
      {
        allow404: true,
      },
    );
  }

  putTargetServer(env: string, server: T.TargetServer, exists: boolean) {
    return exists
      ? this.must(
          'PUT',
          `/environments/${enc(env)}/targetservers/${enc(server.name)}`,
          `update target server ${server.name}`,
          {
            body: server,
          },
        )
      : this.must('POST', `/environments/${enc(env)}/targetservers`, `create target server ${server.name}`, {
          body: server,
        });
  }

  deleteTargetServer(env: string, name: string) {
    return this.must(
      'DELETE',
      `/environments/${enc(env)}/targetservers/${enc(name)}`,
      `delete target server ${name}`,
    );
  }

  createKvm(env: string, name: string) {
    return this.must('POST', `/environments/${enc(env)}/keyvaluemaps`, `create key value map ${name}`, {
      body: { name, encrypted: true },
    });
  }

  deleteKvm(env: string, name: string) {
    return this.call(
      'DELETE',
      `/environments/${enc(env)}/keyvaluemaps/${enc(name)}`,
      `delete key value map ${name}`,
      {
        allow404: true,
      },
    );
  }

  private entryPath(env: string, kvm: string) {
    return `/environments/${enc(env)}/keyvaluemaps/${enc(kvm)}/entries`;
  }

  getEntry(env: string, kvm: string, key: string) {
    return this.call<T.KeyValueEntry>(
      'GET',
      `${this.entryPath(env, kvm)}/${enc(key)}`,
      `read ${kvm}/${key}`,
      {
        allow404: true,
      },
    );
  }

  createEntry(env: string, kvm: string, entry: T.KeyValueEntry) {
    return this.must('POST', this.entryPath(env, kvm), `store ${kvm}/${entry.name}`, {
      body: entry,
      secret: true,
    });
  }

  deleteEntry(env: string, kvm: string, key: string) {
    return this.must('DELETE', `${this.entryPath(env, kvm)}/${enc(key)}`, `delete ${kvm}/${key}`);
  }

  getProduct(name: string) {
    return this.call<T.ApiProduct>('GET', `/apiproducts/${enc(name)}`, `read API product ${name}`, {
      allow404: true,
    });
  }

  putProduct(product: T.ApiProduct, exists: boolean) {
    return exists
      ? this.must('PUT', `/apiproducts/${enc(product.name)}`, `update API product ${product.name}`, {
          body: product,
        })
      : this.must('POST', '/apiproducts', `create API product ${product.name}`, { body: product });
  }

  deleteProduct(name: string) {
    return this.must('DELETE', `/apiproducts/${enc(name)}`, `delete API product ${name}`);
  }

  getDeveloper(email: string) {
    return this.call<T.Developer>('GET', `/developers/${enc(email)}`, `read developer ${email}`, {
      allow404: true,
    });
  }

  createDeveloper(developer: T.Developer) {
    return this.must('POST', '/developers', `create developer ${developer.email}`, { body: developer });
  }

  deleteDeveloper(email: string) {
    return this.must('DELETE', `/developers/${enc(email)}`, `delete developer ${email}`);
  }

  getApp(email: string, app: string) {
    return this.call<T.DeveloperApp>('GET', `/developers/${enc(email)}/apps/${enc(app)}`, `read app ${app}`, {
      allow404: true,
    });
  }

  createApp(email: string, app: T.DeveloperApp) {
    return this.must<T.DeveloperApp>('POST', `/developers/${enc(email)}/apps`, `create app ${app.name}`, {
      body: app,
    });
  }

  deleteApp(email: string, app: string) {
    return this.must('DELETE', `/developers/${enc(email)}/apps/${enc(app)}`, `delete app ${app}`);
  }
}
