import { type DeployContext, deployError, formatElapsed, pollUntil } from '@mlship/core';
import type { ApigeeApi } from './client/api.js';
import type * as T from './client/types.js';
import type { ApigeeNames } from './names.js';

const BACKOFF_MS = [2_000, 3_000, 5_000, 10_000];
const DEFAULT_TIMEOUT_MINUTES = 10;

/** Deploys a revision with override=true and polls it until READY; ERROR fails with Apigee's own messages. */
export async function deployRevision(
  ctx: DeployContext,
  api: ApigeeApi,
  names: ApigeeNames,
  revision: string,
): Promise<T.Deployment> {
  await api.deploy(names.environment, names.proxy, revision);
  const label = `Apigee ${names.proxy} revision ${revision} in ${names.environment}`;
  const progress = ctx.host.progress(label);
  let last: string | undefined;
  const done = await pollUntil<T.Deployment>({
    clock: ctx.clock,
    read: () => api.deploymentStatus(names.environment, names.proxy, revision),
    done: (d) => d.state === 'READY' || d.state === 'ERROR',
    timeoutMs: (ctx.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES) * 60_000,
    what: label,
    backoffMs: BACKOFF_MS,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onState: (d, elapsed) => {
      if (d.state !== last) progress.update(`${d.state ?? '?'} (${formatElapsed(elapsed)})`);
      last = d.state;
    },
  }).catch((error: unknown) => {
    progress.fail(`${label}: stopped waiting`);
    throw error;
  });
  if (done.state === 'ERROR') {
    progress.fail(`${label}: ERROR`);
    const errors = (done.errors ?? []).map((e) => e.message ?? `code ${e.code}`);
    throw deployError(
      'APIGEE_DEPLOY_FAILED',
      `Apigee could not deploy ${names.proxy} revision ${revision} to ${names.environment}: ${errors.join('; ') || 'no reason given'}`,
      'The previously deployed revision keeps serving. Fix the cause above and deploy again; `mlship status` shows the state.',
    );
  }
  progress.succeed(`${label}: READY`);
  return done;
}
