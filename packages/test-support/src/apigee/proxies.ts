import { readBundle } from './bundle-reader.js';
import { badRequest, failedPrecondition, notFound } from './google-error.js';
import type { Handler, HandlerInput } from './handler.js';
import type { ApigeeOrg, Deployment, ProxyRecord, Revision } from './state.js';

const NAME = /^[A-Za-z0-9._-]{1,255}$/;

function proxyOf(input: HandlerInput): ProxyRecord {
  const proxy = input.org.proxies.get(input.params.apisId!);
  if (!proxy) throw notFound(`organizations/${input.org.name}/apis/${input.params.apisId}`);
  return proxy;
}

function revisionOf(input: HandlerInput): Revision {
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

function deploymentJson(d: Deployment, withStatus: boolean) {
  return {
    environment: d.environment,
    apiProxy: d.proxy,
    revision: String(d.revision),
    deployStartTime: String(d.startedAt),
    ...(withStatus ? { state: d.state, ...(d.state === 'ERROR' ? { errors: d.errors } : {}) } : {}),
  };
}

/** One status read: PROGRESSING until the polls run out, then READY (replacing other revisions) or ERROR. */
function advance(org: ApigeeOrg, d: Deployment): void {
  if (d.state !== 'PROGRESSING') return;
  if (d.pollsLeft > 0) {
    d.pollsLeft--;
    return;
  }
  d.state = d.outcome;
  if (d.state === 'READY') {
    for (const other of org.deploymentsOf(d.environment, d.proxy)) {
      if (other !== d) org.deployments.splice(org.deployments.indexOf(other), 1);
    }
  }
}

export interface DeployControls {
  pollsBeforeDone: number;
  /** Consumed by the next deploy: it ends in ERROR with these errors. */
  nextDeploymentErrors: Array<{ code: number; message: string }> | undefined;
}

export function proxyHandlers(controls: DeployControls): Record<string, Handler> {
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
    'apigee.organizations.environments.apis.deployments.list': (input) => {
      const list = input.org.deploymentsOf(input.params.environmentsId!, input.params.apisId!);
      return list.length === 0 ? {} : { deployments: list.map((d) => deploymentJson(d, false)) };
    },
    'apigee.organizations.environments.apis.revisions.deploy': (input) => {
      const revision = revisionOf(input);
      const env = input.params.environmentsId!;
      const proxy = input.params.apisId!;
      const current = input.org.deploymentsOf(env, proxy);
      if (current.some((d) => d.revision === revision.revision && d.state !== 'ERROR')) {
        throw failedPrecondition(`revision ${revision.revision} of ${proxy} is already deployed to ${env}`);
      }
      if (current.length > 0 && input.query.get('override') !== 'true') {
        throw failedPrecondition(
          `revision ${current[0]!.revision} of ${proxy} is deployed to ${env}; set override=true to replace it`,
        );
      }
      for (const failed of current.filter((d) => d.state === 'ERROR')) {
        input.org.deployments.splice(input.org.deployments.indexOf(failed), 1);
      }
      const servers = input.org.targetServers.get(env)!;
      const missing = revision.bundle.targetServers.filter((name) => !servers.has(name));
      const errors =
        controls.nextDeploymentErrors ??
        missing.map((name) => ({
          code: 3,
          message: `TargetServer "${name}" does not exist in environment ${env}`,
        }));
      controls.nextDeploymentErrors = undefined;
      const deployment: Deployment = {
        environment: env,
        proxy,
        revision: revision.revision,
        state: 'PROGRESSING',
        startedAt: input.now,
        pollsLeft: controls.pollsBeforeDone,
        outcome: errors.length > 0 ? 'ERROR' : 'READY',
        errors,
      };
      input.org.deployments.push(deployment);
      return deploymentJson(deployment, false);
    },
    'apigee.organizations.environments.apis.revisions.getDeployments': (input) => {
      revisionOf(input);
      const d = input.org
        .deploymentsOf(input.params.environmentsId!, input.params.apisId!)
        .find((x) => x.revision === Number(input.params.revisionsId));
      if (!d) {
        throw notFound(
          `organizations/${input.org.name}/environments/${input.params.environmentsId}/apis/${input.params.apisId}/revisions/${input.params.revisionsId}/deployments`,
        );
      }
      advance(input.org, d);
      return deploymentJson(d, true);
    },
    'apigee.organizations.environments.apis.revisions.undeploy': (input) => {
      revisionOf(input);
      const d = input.org
        .deploymentsOf(input.params.environmentsId!, input.params.apisId!)
        .find((x) => x.revision === Number(input.params.revisionsId));
      if (!d) {
        throw failedPrecondition(
          `revision ${input.params.revisionsId} of ${input.params.apisId} is not deployed to ${input.params.environmentsId}`,
        );
      }
      input.org.deployments.splice(input.org.deployments.indexOf(d), 1);
      return {};
    },
  };
}
