import { ApigeeTransport, enc } from './transport.js';
import type * as T from './types.js';

export { DEFAULT_API_URL } from './transport.js';

/** The Apigee v1 management-API calls mlship makes. */
export class ApigeeApi extends ApigeeTransport {
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
    const list = await this.call<T.ListDeployments>(
      'GET',
      `/environments/${enc(env)}/apis/${enc(name)}/deployments`,
      `list deployments of ${name} in ${env}`,
      { allow404: true },
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
