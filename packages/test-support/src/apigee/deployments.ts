import { failedPrecondition, notFound } from './google-error.js';
import type { Handler } from './handler.js';
import { revisionOf } from './proxies.js';
import type { ApigeeOrg, Deployment } from './state.js';

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

export function deploymentHandlers(controls: DeployControls): Record<string, Handler> {
  return {
    'apigee.organizations.environments.apis.deployments.list': (input) => {
      if (!input.org.proxies.has(input.params.apisId!)) {
        throw notFound(`organizations/${input.org.name}/apis/${input.params.apisId}`);
      }
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
