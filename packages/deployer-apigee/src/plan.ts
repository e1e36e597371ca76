import type { Change, DeployContext, DeployPlan } from '@mlship/core';
import type * as T from './client/types.js';
import { awsSide, desiredProduct, desiredTargetServer, productDiff, sameTargetServer } from './desired.js';
import { type ApigeeNames, apigeeConfig } from './names.js';
import type { ApigeeState, SecretState } from './read.js';

export const DEFAULT_KEEP_REVISIONS = 5;

export type Step = 'create' | 'update' | 'noop';

/** What apply does; serialisable and free of secrets (the origin secret is read from ctx.upstream at apply). */
export interface ApigeeDetail {
  names: ApigeeNames;
  bundleSha256: string;
  contentHash: string;
  connected: boolean;
  product: { step: Step; desired: T.ApiProduct };
  developer: Step;
  app: Step;
  /** `check`: the Function URL was not known when planning; apply compares again. */
  targetServer: Step | 'check';
  secret: SecretState;
  /** Import a new revision (true) or deploy an existing one with the same content. */
  importRevision: boolean;
  deployRevision: number | undefined;
  currentRevision: number | undefined;
  deleteRevisions: number[];
}

function change(action: Change['action'], resource: string, id: string, reason: string): Change {
  return { action, resource, id, reason };
}

/** The revision serving now: the newest READY one, else the newest listed. */
export function servingRevision(state: Pick<ApigeeState, 'deployed'>): number | undefined {
  const ready = state.deployed.filter((d) => d.state === 'READY');
  return (ready.at(-1) ?? state.deployed.at(-1))?.revision;
}

/** Oldest first, revisions beyond `keep` (counting one about to be imported) that are not deployed. */
export function revisionsToDelete(
  revisions: number[],
  keep: number,
  importing: boolean,
  protectedRevisions: number[],
): number[] {
  const excess = revisions.length + (importing ? 1 : 0) - keep;
  if (excess <= 0) return [];
  return [...revisions]
    .sort((a, b) => a - b)
    .filter((r) => !protectedRevisions.includes(r))
    .slice(0, excess);
}

function planProxy(state: ApigeeState, keep: number) {
  const current = servingRevision(state);
  const currentHash = state.revisions.find((r) => r.revision === current)?.contentHash;
  const servingReady = state.deployed.some((d) => d.revision === current && d.state === 'READY');
  const upToDate = current !== undefined && servingReady && currentHash === state.bundle.contentHash;
  const reusable = state.revisions.filter((r) => r.contentHash === state.bundle.contentHash).at(-1)?.revision;
  const importRevision = !upToDate && reusable === undefined;
  const deployRevision = upToDate ? undefined : reusable;
  const keepSafe = [...state.deployed.map((d) => d.revision), ...(deployRevision ? [deployRevision] : [])];
  const deleteRevisions = revisionsToDelete(
    state.revisions.map((r) => r.revision),
    keep,
    importRevision,
    keepSafe,
  );
  return { current, upToDate, importRevision, deployRevision, deleteRevisions };
}

function unconnectedPlan(state: ApigeeState): Change[] {
  const reason = `not compared with Apigee (no Google credentials); bundle in ${state.bundle.path}`;
  const { names } = state;
  return [
    change('create', 'Apigee::ApiProduct', names.product, reason),
    change('create', 'Apigee::TargetServer', names.targetServer, reason),
    change('create', 'Apigee::KeyValueMapEntry', `${names.kvm}/origin-secret`, reason),
    change('create', 'Apigee::ApiProxyRevision', names.proxy, reason),
    change('create', 'Apigee::Deployment', `${names.proxy}@${names.environment}`, reason),
  ];
}

export function plan(ctx: DeployContext, state: ApigeeState): DeployPlan<ApigeeDetail> {
  const config = apigeeConfig(ctx.resolved);
  const { names } = state;
  const aws = awsSide(ctx);
  const product = desiredProduct(config, names);
  const productStep: Step = !state.product
    ? 'create'
    : productDiff(state.product, product).length > 0
      ? 'update'
      : 'noop';
  const developer: Step = names.developerEmail && !state.developer ? 'create' : 'noop';
  const app: Step = names.app && !state.app ? 'create' : 'noop';
  const desiredServer = aws.functionUrl ? desiredTargetServer(names, aws.functionUrl) : undefined;
  const targetServer: ApigeeDetail['targetServer'] = !state.targetServer
    ? 'create'
    : !desiredServer
      ? 'check'
      : sameTargetServer(state.targetServer, desiredServer)
        ? 'noop'
        : 'update';
  const proxy = planProxy(state, config.keepRevisions ?? DEFAULT_KEEP_REVISIONS);

  const changes: Change[] = [];
  if (!state.connected) changes.push(...unconnectedPlan(state));
  else {
    if (productStep !== 'noop') {
      const fields = state.product ? productDiff(state.product, product).join(', ') : '';
      changes.push(
        change(
          productStep,
          'Apigee::ApiProduct',
          names.product,
          fields ? `changed: ${fields}` : 'quota and access',
        ),
      );
    }
    if (developer === 'create')
      changes.push(change('create', 'Apigee::Developer', names.developerEmail!, 'app owner'));
    if (app === 'create')
      changes.push(change('create', 'Apigee::DeveloperApp', names.app!, 'key for the API product'));
    if (targetServer === 'create' || targetServer === 'update') {
      const host = desiredServer?.host ?? 'the Lambda Function URL (known after the lambda target applies)';
      changes.push(change(targetServer, 'Apigee::TargetServer', names.targetServer, `HTTPS to ${host}`));
    }
    if (state.secret === 'missing' || state.secret === 'different') {
      const action = state.secret === 'missing' ? 'create' : 'update';
      changes.push(
        change(
          action,
          'Apigee::KeyValueMapEntry',
          `${names.kvm}/origin-secret`,
          'origin secret (encrypted KVM)',
        ),
      );
    }
    if (proxy.importRevision) {
      changes.push(
        change(
          'create',
          'Apigee::ApiProxyRevision',
          names.proxy,
          `bundle ${state.bundle.sha256.slice(0, 12)}`,
        ),
      );
    }
    if (!proxy.upToDate) {
      const which = proxy.deployRevision ? `revision ${proxy.deployRevision}` : 'the new revision';
      const action = proxy.current === undefined ? 'create' : 'update';
      changes.push(
        change(action, 'Apigee::Deployment', `${names.proxy}@${names.environment}`, `deploy ${which}`),
      );
    }
    for (const revision of proxy.deleteRevisions) {
      changes.push(
        change(
          'delete',
          'Apigee::ApiProxyRevision',
          `${names.proxy}/${revision}`,
          'older than keepRevisions',
        ),
      );
    }
  }

  return {
    target: 'apigee',
    changes,
    detail: {
      names,
      bundleSha256: state.bundle.sha256,
      contentHash: state.bundle.contentHash,
      connected: state.connected,
      product: { step: productStep, desired: product },
      developer,
      app,
      targetServer,
      secret: state.secret,
      importRevision: proxy.importRevision,
      deployRevision: proxy.deployRevision,
      currentRevision: proxy.current,
      deleteRevisions: proxy.deleteRevisions,
    },
    plannedOutputs: {
      organization: names.organization,
      environment: names.environment,
      proxyName: names.proxy,
      basePath: names.basePath,
      bundleSha256: state.bundle.sha256,
      ...(proxy.upToDate && proxy.current !== undefined ? { revision: String(proxy.current) } : {}),
    },
  };
}
