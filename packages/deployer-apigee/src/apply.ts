import { type DeployContext, type DeployPlan, deployError, type Outputs } from '@mlship/core';
import { buildBundle } from './bundle/build.js';
import type { ApigeeApi } from './client/api.js';
import { statusOf } from './client/errors.js';
import { deployRevision } from './deployment.js';
import {
  type AwsSide,
  awsSide,
  desiredApp,
  desiredDeveloper,
  desiredTargetServer,
  sameTargetServer,
} from './desired.js';
import { apigeeConfig, ORIGIN_SECRET_KEY } from './names.js';
import type { ApigeeDetail } from './plan.js';
import type { SecretState } from './read.js';
import { credentialsMissing, requireApi } from './session.js';

function upstreamMissing(what: string) {
  return deployError(
    'APIGEE_UPSTREAM_MISSING',
    `The Apigee target needs the Lambda ${what}, but the lambda target did not provide it.`,
    'Deploy the whole environment (`mlship deploy --env <env>`) so the lambda target runs first with front: apigee.',
  );
}

async function applyTargetServer(api: ApigeeApi, detail: ApigeeDetail, aws: AwsSide): Promise<void> {
  if (detail.targetServer === 'noop') return;
  if (!aws.functionUrl) throw upstreamMissing('Function URL');
  const desired = desiredTargetServer(detail.names, aws.functionUrl);
  const env = detail.names.environment;
  if (detail.targetServer === 'check') {
    const current = await api.getTargetServer(env, desired.name);
    if (sameTargetServer(current, desired)) return;
    await api.putTargetServer(env, desired, current !== undefined);
    return;
  }
  await api.putTargetServer(env, desired, detail.targetServer === 'update');
}

async function applySecret(api: ApigeeApi, detail: ApigeeDetail, aws: AwsSide): Promise<void> {
  if (detail.secret === 'same') return;
  if (!aws.originSecret) throw upstreamMissing('origin secret');
  const { environment: env, kvm } = detail.names;
  let state: SecretState = detail.secret;
  if (state === 'unknown') {
    const entry = await api.getEntry(env, kvm, ORIGIN_SECRET_KEY);
    state = !entry ? 'missing' : entry.value === aws.originSecret ? 'same' : 'different';
  }
  if (state === 'same') return;
  if (state === 'missing') {
    await api.createKvm(env, kvm).catch((error: unknown) => {
      if ((error as { details?: { status?: number } }).details?.status !== 409) throw error;
    });
  } else {
    await api.deleteEntry(env, kvm, ORIGIN_SECRET_KEY);
  }
  await api.createEntry(env, kvm, { name: ORIGIN_SECRET_KEY, value: aws.originSecret });
}

export async function apply(plan: DeployPlan<ApigeeDetail>, ctx: DeployContext): Promise<Outputs> {
  const { detail } = plan;
  const { names } = detail;
  if (!detail.connected) throw credentialsMissing();
  const api = await requireApi(ctx, names);
  const aws = awsSide(ctx);
  const outputs: Outputs = { ...plan.plannedOutputs };

  if (detail.product.step !== 'noop')
    await api.putProduct(detail.product.desired, detail.product.step === 'update');
  if (detail.developer === 'create') await api.createDeveloper(desiredDeveloper(names.developerEmail!));
  if (detail.app === 'create') {
    await api.createApp(names.developerEmail!, desiredApp(names));
  }
  if (names.app) outputs.appName = names.app;
  await applyTargetServer(api, detail, aws);
  await applySecret(api, detail, aws);

  let revision = detail.deployRevision === undefined ? undefined : String(detail.deployRevision);
  if (detail.importRevision) {
    const bundle = buildBundle(apigeeConfig(ctx.resolved), names);
    if (bundle.contentHash !== detail.contentHash) {
      throw deployError(
        'APIGEE_PLAN_STALE',
        'release.yaml changed between plan and apply.',
        'Run the deploy again.',
      );
    }
    revision = (await api.uploadBundle(names.proxy, bundle.bytes, 'import')).revision;
  }
  if (revision !== undefined) {
    await deployRevision(ctx, api, names, revision);
    outputs.revision = revision;
  }
  for (const old of detail.deleteRevisions) {
    await api.deleteRevision(names.proxy, String(old)).catch((error: unknown) => {
      if (statusOf((error as { cause?: unknown }).cause) !== 404) throw error;
    });
  }
  return outputs;
}
