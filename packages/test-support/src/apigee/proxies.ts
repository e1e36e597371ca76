import { readBundle } from './bundle-reader.js';
import { badRequest, failedPrecondition, notFound } from './google-error.js';
import type { Handler, HandlerInput } from './handler.js';
import type { ProxyRecord, Revision } from './state.js';

const NAME = /^[A-Za-z0-9._-]{1,255}$/;

function proxyOf(input: HandlerInput): ProxyRecord {
  const proxy = input.org.proxies.get(input.params.apisId!);
  if (!proxy) throw notFound(`organizations/${input.org.name}/apis/${input.params.apisId}`);
  return proxy;
}

export function revisionOf(input: HandlerInput): Revision {
  const proxy = proxyOf(input);
  const revision = proxy.revisions.get(Number(input.params.revisionsId));
  if (!revision) {
    throw notFound(
      `organizations/${input.org.name}/apis/${proxy.name}/revisions/${input.params.revisionsId}`,
    );
  }
  return revision;
}

export function revisionJson(proxy: string, revision: Revision) {
  const { bundle } = revision;
  return {
    name: proxy,
    revision: String(revision.revision),
    ...(bundle.description === undefined ? {} : { description: bundle.description }),
    displayName: proxy,
    basepaths: bundle.basepaths,
    policies: bundle.policies,
    proxies: bundle.proxies,
    targets: bundle.targets,
    createdAt: String(revision.createdAt),
    lastModifiedAt: String(revision.createdAt),
    configurationVersion: { majorVersion: 4, minorVersion: 0 },
    type: 'Application',
  };
}

function proxyJson(proxy: ProxyRecord) {
  const revisions = [...proxy.revisions.keys()].sort((a, b) => a - b).map(String);
  return {
    name: proxy.name,
    revision: revisions,
    latestRevisionId: revisions.at(-1) ?? '',
    metaData: {
      createdAt: String(proxy.createdAt),
      lastModifiedAt: String(proxy.createdAt),
      subType: 'ProxyRecord',
    },
    apiProxyType: 'PROGRAMMABLE',
  };
}

const create: Handler = (input) => {
  const action = input.query.get('action');
  const name = input.query.get('name');
  if (action !== 'import' && action !== 'validate') {
    throw badRequest('action must be "import" or "validate" when uploading a bundle');
  }
  if (!name || !NAME.test(name)) throw badRequest(`invalid API proxy name "${name ?? ''}"`);
  if (input.upload?.field !== 'file') {
    throw badRequest('a multipart/form-data body with the bundle zip as the part "file" is required');
  }
  const bundle = readBundle(input.upload.data);
  const existing = input.org.proxies.get(name);
  if (action === 'validate') {
    return revisionJson(name, {
      revision: existing?.nextRevision ?? 1,
      createdAt: input.now,
      bundle,
      zip: input.upload.data,
    });
  }
  const proxy = existing ?? { name, createdAt: input.now, revisions: new Map(), nextRevision: 1 };
  input.org.proxies.set(name, proxy);
  const revision: Revision = {
    revision: proxy.nextRevision++,
    createdAt: input.now,
    bundle,
    zip: input.upload.data,
  };
  proxy.revisions.set(revision.revision, revision);
  return revisionJson(name, revision);
};

export function proxyHandlers(): Record<string, Handler> {
  return {
    'apigee.organizations.apis.create': create,
    'apigee.organizations.apis.get': (input) => proxyJson(proxyOf(input)),
    'apigee.organizations.apis.delete': (input) => {
      const proxy = proxyOf(input);
      const env = input.org.isDeployed(proxy.name);
      if (env)
        throw failedPrecondition(
          `API proxy ${proxy.name} is deployed in environment ${env}; undeploy it first`,
        );
      input.org.proxies.delete(proxy.name);
      return proxyJson(proxy);
    },
    'apigee.organizations.apis.revisions.get': (input) => {
      const revision = revisionOf(input);
      if (input.query.get('format') === 'bundle') return { raw: revision.zip };
      return revisionJson(input.params.apisId!, revision);
    },
    'apigee.organizations.apis.revisions.delete': (input) => {
      const revision = revisionOf(input);
      const proxy = proxyOf(input);
      const env = input.org.isDeployed(proxy.name, revision.revision);
      if (env) {
        throw failedPrecondition(
          `revision ${revision.revision} of ${proxy.name} is deployed in environment ${env}`,
        );
      }
      proxy.revisions.delete(revision.revision);
      if (proxy.revisions.size === 0) input.org.proxies.delete(proxy.name);
      return revisionJson(proxy.name, revision);
    },
  };
}
