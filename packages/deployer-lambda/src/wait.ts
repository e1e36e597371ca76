import { type FunctionConfiguration, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { type DeployContext, deployError, pollUntil } from '@mlship/core';
import { clientsFor, errorMessage, errorName } from './clients.js';

/** Lambda settles in seconds; polls start fast. */
const BACKOFF_MS = [1_000, 2_000, 3_000, 5_000];
const DEFAULT_WAIT_MINUTES = 15;

export function waitTimeoutMs(ctx: DeployContext): number {
  return (ctx.timeoutMinutes ?? DEFAULT_WAIT_MINUTES) * 60_000;
}

export function isBusy(config: FunctionConfiguration | undefined): boolean {
  return config?.State === 'Pending' || config?.LastUpdateStatus === 'InProgress';
}

/** Polls the function until it is neither Pending nor InProgress; fails when it ended Failed. */
export async function waitForFunction(
  ctx: DeployContext,
  name: string,
  label: string,
  /** False when the wait is for someone else's change: its outcome is read, not reported as ours. */
  ownChange = true,
): Promise<FunctionConfiguration> {
  const progress = ctx.host.progress(label);
  try {
    const final = await pollUntil({
      clock: ctx.clock,
      what: `Lambda function ${name}`,
      timeoutMs: waitTimeoutMs(ctx),
      backoffMs: BACKOFF_MS,
      read: () => clientsFor(ctx).lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name })),
      done: (state) => !isBusy(state),
      onState: (state) => progress.update(`${state.State ?? '?'} / ${state.LastUpdateStatus ?? '-'}`),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    if (ownChange && (final.State === 'Failed' || final.LastUpdateStatus === 'Failed')) {
      progress.fail(`${label}: failed`);
      const reason = final.LastUpdateStatusReason ?? final.StateReason ?? 'no reason given';
      throw deployError(
        final.State === 'Failed' ? 'LAMBDA_CREATE_FAILED' : 'LAMBDA_UPDATE_FAILED',
        `Lambda function ${name} ${final.State === 'Failed' ? 'failed to create' : 'update failed'}: ${reason}`,
        final.State === 'Failed'
          ? 'Fix the cause (role, VPC subnets and security groups, quota); the next `mlship deploy` deletes the failed function and creates it again.'
          : 'Fix the cause (role, VPC subnets and security groups, quota); the next `mlship deploy` applies the configuration again. The `live` alias still points at the previous version.',
      );
    }
    progress.succeed(`${label}: ${final.State}`);
    return final;
  } catch (error) {
    progress.fail(`${label}: stopped waiting`);
    throw error;
  }
}

export function isUpdateConflict(error: unknown): boolean {
  return (
    errorName(error) === 'ResourceConflictException' &&
    /update is in progress|currently in the following state/i.test(errorMessage(error))
  );
}

const MAX_CONFLICT_RETRIES = 5;

/**
 * Runs a call that Lambda refuses while another update is in progress: on that ResourceConflictException it waits
 * for the function to settle and tries again (a bounded number of times); `--no-wait` fails instead.
 */
export async function whenIdle<T>(ctx: DeployContext, name: string, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isUpdateConflict(error) || attempt > MAX_CONFLICT_RETRIES) throw error;
      if (!ctx.wait) {
        throw deployError(
          'LAMBDA_BUSY',
          `Lambda function ${name} is being updated by someone else: ${errorMessage(error)}`,
          'Run again without --no-wait to wait for it.',
        );
      }
      ctx.host.notify({
        level: 'info',
        code: 'LAMBDA_UPDATE_IN_PROGRESS',
        message: `Lambda function ${name} has an update in progress; waiting for it before the next change`,
      });
      await waitForFunction(ctx, name, `Waiting for ${name}`, false);
    }
  }
}

const ROLE_NOT_ASSUMABLE = /cannot be assumed by Lambda/i;
/** IAM propagates a new role within seconds; give it about a minute and a half. */
const ROLE_RETRY_MS = [2_000, 3_000, 5_000, 8_000, 10_000, 10_000, 15_000, 15_000, 20_000];

/** Retries only Lambda's "role cannot be assumed" refusal (IAM eventual consistency), with ctx.clock backoff. */
export async function withRoleRetry<T>(ctx: DeployContext, role: string, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const refused =
        errorName(error) === 'InvalidParameterValueException' && ROLE_NOT_ASSUMABLE.test(errorMessage(error));
      if (!refused) throw error;
      const delay = ROLE_RETRY_MS[attempt];
      if (delay === undefined) {
        throw deployError(
          'LAMBDA_ROLE_NOT_ASSUMABLE',
          `Lambda still cannot assume role ${role} after ${ROLE_RETRY_MS.reduce((a, b) => a + b, 0) / 1000} s.`,
          'The role must trust lambda.amazonaws.com (sts:AssumeRole); fix its trust policy, or remove proxy.roleArn to let mlship create one.',
        );
      }
      ctx.host.notify({
        level: 'info',
        code: 'LAMBDA_ROLE_PROPAGATING',
        message: `Lambda cannot assume ${role} yet (IAM propagation); retrying in ${delay / 1000} s`,
      });
      await ctx.clock.sleep(delay, ctx.signal);
    }
  }
}
