import type { DeployContext } from '@mlship/core';
import { deployError } from '@mlship/core';
import { type Bundle, buildBundle, contentHashOf } from './bundle/build.js';
import { bundlePath, writeBundle } from './bundle-file.js';
import type { ApigeeApi } from './client/api.js';
import type * as T from './client/types.js';
import { awsSide } from './desired.js';
import { type ApigeeNames, apigeeConfig, apigeeNames, ORIGIN_SECRET_KEY } from './names.js';
import { credentialsMissing, openApi } from './session.js';

export type SecretState = 'same' | 'different' | 'missing' | 'unknown';

export interface RevisionInfo {
  revision: number;
  contentHash: string | undefined;
}

/** What is in Apigee now, as far as mlship's plan needs it. Holds no secret. */
export interface ApigeeState {
  names: ApigeeNames;
  bundle: { path: string; sha256: string; contentHash: string };
  /** False when no Google credentials were found (allowed for --dry-run only). */
  connected: boolean;
  revisions: RevisionInfo[];
  /** Revisions deployed to the environment, READY or not. */
  deployed: Array<{ revision: number; state: string | undefined }>;
  targetServer: T.TargetServer | undefined;
  secret: SecretState;
  product: T.ApiProduct | undefined;
  developer: T.Developer | undefined;
  app: T.DeveloperApp | undefined;
}

export async function readRevisions(api: ApigeeApi, names: ApigeeNames): Promise<RevisionInfo[]> {
  const proxy = await api.getProxy(names.proxy);
  const numbers = (proxy?.revision ?? []).map(Number).sort((a, b) => a - b);
  const revisions: RevisionInfo[] = [];
  for (const revision of numbers) {
    const info = await api.getRevision(names.proxy, String(revision));
    revisions.push({ revision, contentHash: contentHashOf(info.description) });
  }
  return revisions;
}

export async function readDeployed(api: ApigeeApi, names: ApigeeNames): Promise<ApigeeState['deployed']> {
  const list = await api.listDeployments(names.environment, names.proxy);
  const deployed: ApigeeState['deployed'] = [];
  for (const d of list) {
    const revision = d.revision ?? '0';
    const status = await api.deploymentStatus(names.environment, names.proxy, revision);
    deployed.push({ revision: Number(revision), state: status.state });
  }
  return deployed.sort((a, b) => a.revision - b.revision);
}

async function readSecret(
  api: ApigeeApi,
  names: ApigeeNames,
  expected: string | undefined,
): Promise<SecretState> {
  const entry = await api.getEntry(names.environment, names.kvm, ORIGIN_SECRET_KEY);
  if (!entry) return 'missing';
  if (expected === undefined) return 'unknown';
  return entry.value === expected ? 'same' : 'different';
}

/** Validates the bundle with Apigee (action=validate imports nothing); run only when an import is coming. */
async function validate(api: ApigeeApi, names: ApigeeNames, bundle: Bundle, path: string): Promise<void> {
  try {
    await api.uploadBundle(names.proxy, bundle.bytes, 'validate');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'APIGEE_API_ERROR') throw error;
    throw deployError(
      'APIGEE_BUNDLE_INVALID',
      `Apigee rejected the generated bundle: ${(error as Error).message}`,
      `Inspect the bundle in ${path}; a bundle mlship generated should validate, so please report this.`,
    );
  }
}

export async function read(ctx: DeployContext): Promise<ApigeeState> {
  const config = apigeeConfig(ctx.resolved);
  const names = apigeeNames(ctx.resolved);
  const bundle = buildBundle(config, names);
  const path = bundlePath(ctx.resolved.file, ctx.resolved.env);
  await writeBundle(path, bundle.bytes);
  ctx.host.notify({
    level: 'info',
    code: 'APIGEE_BUNDLE_WRITTEN',
    message: `Apigee bundle written to ${path} (sha256 ${bundle.sha256.slice(0, 12)}…)`,
    data: { path, sha256: bundle.sha256 },
  });
  const base = { names, bundle: { path, sha256: bundle.sha256, contentHash: bundle.contentHash } };
  const api = await openApi(ctx, names);
  if (!api) {
    if (!ctx.dryRun) throw credentialsMissing();
    ctx.host.notify({
      level: 'warn',
      code: 'APIGEE_VALIDATION_SKIPPED',
      message:
        'No Google credentials: the bundle was written but not validated by Apigee nor compared with what is deployed.',
    });
    const empty = { revisions: [], deployed: [], targetServer: undefined, product: undefined };
    return { ...base, ...empty, connected: false, secret: 'unknown', developer: undefined, app: undefined };
  }
  const revisions = await readRevisions(api, names);
  const deployed = await readDeployed(api, names);
  const alreadyImported = revisions.some((r) => r.contentHash === bundle.contentHash);
  if (!alreadyImported) await validate(api, names, bundle, path);
  const developer = names.developerEmail ? await api.getDeveloper(names.developerEmail) : undefined;
  return {
    ...base,
    connected: true,
    revisions,
    deployed,
    targetServer: await api.getTargetServer(names.environment, names.targetServer),
    secret: await readSecret(api, names, awsSide(ctx).originSecret),
    product: await api.getProduct(names.product),
    developer,
    app: developer && names.app ? await api.getApp(developer.email, names.app) : undefined,
  };
}
