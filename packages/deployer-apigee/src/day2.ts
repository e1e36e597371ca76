import {
  type DeployContext,
  type DestroyReport,
  pollUntil,
  type RollbackReport,
  type StatusReport,
  userError,
} from '@mlship/core';
import { buildBundle } from './bundle/build.js';
import type { ApigeeApi } from './client/api.js';
import { deployRevision } from './deployment.js';
import { isManaged, targetServerDescription } from './desired.js';
import { type ApigeeNames, apigeeConfig, apigeeNames } from './names.js';
import { servingRevision } from './plan.js';
import { readDeployed, readRevisions } from './read.js';
import { requireApi } from './session.js';

export async function status(ctx: DeployContext): Promise<StatusReport> {
  const names = apigeeNames(ctx.resolved);
  const api = await requireApi(ctx, names);
  const deployed = await readDeployed(api, names);
  const revisions = await readRevisions(api, names);
  const serving = servingRevision({ deployed });
  const contentHash = buildBundle(apigeeConfig(ctx.resolved), names).contentHash;
  const servingHash = revisions.find((r) => r.revision === serving)?.contentHash;
  const matches = serving !== undefined && servingHash === contentHash;
  const states = deployed.map((d) => `revision ${d.revision} ${d.state ?? '?'}`).join(', ');
  const where = `${names.organization}/${names.environment} ${names.proxy} at ${names.basePath}`;
  return {
    target: 'apigee',
    exists: deployed.length > 0,
    summary:
      deployed.length === 0
        ? `${where}: not deployed`
        : `${where}: ${states}${matches ? '' : ' (differs from release.yaml: deploy to update)'}`,
    detail: {
      organization: names.organization,
      environment: names.environment,
      proxyName: names.proxy,
      basePath: names.basePath,
      deployments: deployed,
      revisions: revisions.map((r) => r.revision),
      upToDate: matches,
    },
  };
}

export async function rollback(ctx: DeployContext, to?: string): Promise<RollbackReport> {
  const names = apigeeNames(ctx.resolved);
  const api = await requireApi(ctx, names);
  const deployed = await readDeployed(api, names);
  const revisions = (await readRevisions(api, names)).map((r) => r.revision);
  const current = servingRevision({ deployed });
  if (to !== undefined && !/^\d+$/.test(to)) {
    // `mlship rollback --to` names a SageMaker endpoint config: the proxy does not move with it.
    throw userError(
      'APIGEE_ROLLBACK_NO_REVISION',
      `${to} is not a revision of API proxy ${names.proxy}; it stays at revision ${current ?? '(none)'}.`,
      'Pass --to <revision> (a number) to roll the proxy back on its own.',
    );
  }
  const target =
    to !== undefined && /^\d+$/.test(to)
      ? Number(to)
      : revisions.filter((r) => current === undefined || r < current).at(-1);
  if (target === undefined || !revisions.includes(target)) {
    throw userError(
      'APIGEE_ROLLBACK_NO_REVISION',
      to !== undefined
        ? `API proxy ${names.proxy} has no revision ${to} (revisions: ${revisions.join(', ') || 'none'}).`
        : `API proxy ${names.proxy} has no revision before ${current ?? 'the current one'} to roll back to.`,
      'Pass --to <revision>; `mlship status` lists the revisions kept (api.apigee.keepRevisions).',
    );
  }
  await deployRevision(ctx, api, names, String(target));
  return {
    target: 'apigee',
    from: current === undefined ? undefined : String(current),
    to: String(target),
    outputs: {
      organization: names.organization,
      environment: names.environment,
      proxyName: names.proxy,
      basePath: names.basePath,
      revision: String(target),
    },
  };
}

/** Undeploying is asynchronous in Apigee X; the proxy can be deleted once no deployment is listed. */
async function waitUndeployed(ctx: DeployContext, api: ApigeeApi, names: ApigeeNames): Promise<void> {
  await pollUntil({
    clock: ctx.clock,
    read: () => api.listDeployments(names.environment, names.proxy),
    done: (list) => list.length === 0,
    timeoutMs: (ctx.timeoutMinutes ?? 10) * 60_000,
    what: `the undeployment of ${names.proxy} from ${names.environment}`,
    backoffMs: [2_000, 5_000],
  });
}

export async function destroy(ctx: DeployContext): Promise<DestroyReport> {
  const names = apigeeNames(ctx.resolved);
  const api = await requireApi(ctx, names);
  const report: DestroyReport = { target: 'apigee', deleted: [], skipped: [] };
  const env = names.environment;
  const revisions = await readRevisions(api, names);
  if (revisions.length > 0 && revisions.every((r) => r.contentHash === undefined)) {
    report.skipped.push({
      resource: 'Apigee::ApiProxy',
      id: names.proxy,
      reason: 'no revision was made by mlship',
    });
  } else if (revisions.length > 0) {
    for (const d of await readDeployed(api, names)) {
      await api.undeploy(env, names.proxy, String(d.revision));
      report.deleted.push({ resource: 'Apigee::Deployment', id: `${names.proxy}/${d.revision}@${env}` });
    }
    await waitUndeployed(ctx, api, names);
    await api.deleteProxy(names.proxy);
    report.deleted.push({ resource: 'Apigee::ApiProxy', id: names.proxy });
  }
  const server = await api.getTargetServer(env, names.targetServer);
  if (server && server.description === targetServerDescription(names)) {
    await api.deleteTargetServer(env, names.targetServer);
    report.deleted.push({ resource: 'Apigee::TargetServer', id: names.targetServer });
  } else if (server) {
    report.skipped.push({
      resource: 'Apigee::TargetServer',
      id: names.targetServer,
      reason: 'not created by mlship',
    });
  }
  if (await api.deleteKvm(env, names.kvm))
    report.deleted.push({ resource: 'Apigee::KeyValueMap', id: names.kvm });
  if (names.developerEmail && names.app) {
    const app = await api.getApp(names.developerEmail, names.app);
    if (app && isManaged(app.attributes)) {
      await api.deleteApp(names.developerEmail, names.app);
      report.deleted.push({ resource: 'Apigee::DeveloperApp', id: names.app });
    }
    const developer = await api.getDeveloper(names.developerEmail);
    if (developer && isManaged(developer.attributes) && (developer.apps ?? []).length === 0) {
      await api.deleteDeveloper(names.developerEmail);
      report.deleted.push({ resource: 'Apigee::Developer', id: names.developerEmail });
    } else if (developer) {
      report.skipped.push({
        resource: 'Apigee::Developer',
        id: names.developerEmail,
        reason: 'not created by mlship, or has other apps',
      });
    }
  }
  const product = await api.getProduct(names.product);
  if (product && isManaged(product.attributes)) {
    await api.deleteProduct(names.product);
    report.deleted.push({ resource: 'Apigee::ApiProduct', id: names.product });
  } else if (product) {
    report.skipped.push({
      resource: 'Apigee::ApiProduct',
      id: names.product,
      reason: 'not created by mlship',
    });
  }
  return report;
}
