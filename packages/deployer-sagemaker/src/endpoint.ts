import { DescribeEndpointCommand, type DescribeEndpointOutput } from '@aws-sdk/client-sagemaker';
import { type DeployContext, pollUntil } from '@mlship/core';
import { clientsFor, isNotFound } from './clients.js';

export const BUSY_STATUSES = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting']);

export async function describeEndpoint(
  ctx: DeployContext,
  name: string,
): Promise<DescribeEndpointOutput | undefined> {
  try {
    return await clientsFor(ctx).sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function timeoutMs(ctx: DeployContext): number {
  return (ctx.timeoutMinutes ?? ctx.resolved.config.sagemaker.waitTimeoutMinutes) * 60_000;
}

/** Polls the endpoint until it leaves the busy statuses (or is gone), showing each status change. */
export async function waitForEndpoint(
  ctx: DeployContext,
  name: string,
  label: string,
): Promise<DescribeEndpointOutput | undefined> {
  const progress = ctx.host.progress(label);
  let last = '';
  try {
    const final = await pollUntil({
      clock: ctx.clock,
      what: `endpoint ${name}`,
      timeoutMs: timeoutMs(ctx),
      read: () => describeEndpoint(ctx, name),
      done: (state) => !state || !BUSY_STATUSES.has(state.EndpointStatus ?? ''),
      onState: (state) => {
        const status = state?.EndpointStatus ?? 'deleted';
        if (status !== last) progress.update(status);
        last = status;
      },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const status = final?.EndpointStatus ?? 'deleted';
    if (status === 'InService' || status === 'deleted') progress.succeed(`${label}: ${status}`);
    else progress.fail(`${label}: ${status}`);
    return final;
  } catch (error) {
    progress.fail(`${label}: stopped waiting`);
    throw error;
  }
}
