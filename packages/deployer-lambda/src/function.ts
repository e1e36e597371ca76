import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  type FunctionConfiguration,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type { DeployContext } from '@mlship/core';
import { loadProxyArtifact } from '@mlship/lambda-proxy/artifact';
import { clientsFor } from './clients.js';
import type { FunctionSpec } from './desired.js';
import type { CurrentState } from './read.js';
import type { Steps } from './steps.js';
import { waitForFunction, whenIdle, withRoleRetry } from './wait.js';

function say(ctx: DeployContext, message: string): void {
  ctx.signal?.throwIfAborted();
  ctx.host.notify({ level: 'info', message });
}

function configInput(spec: FunctionSpec, role: string) {
  return {
    FunctionName: spec.FunctionName,
    Role: role,
    Runtime: spec.Runtime as never,
    Handler: spec.Handler,
    MemorySize: spec.MemorySize,
    Timeout: spec.Timeout,
    Description: spec.Description,
    Environment: { Variables: spec.Environment },
    VpcConfig: spec.VpcConfig ?? { SubnetIds: [], SecurityGroupIds: [] },
  };
}

/** The secret values of an environment: the origin secret, the Redis URL and the password inside it. */
function secretsOf(env: Record<string, string>): string[] {
  const url = env.REDIS_URL;
  const password = url ? /^rediss?:\/\/[^@/]*?:?([^:@/]+)@/.exec(url)?.[1] : undefined;
  return [env.ORIGIN_SECRET, url, password].filter(
    (v): v is string => typeof v === 'string' && v.length >= 4,
  );
}

/**
 * Sends a call that carries the environment; AWS may quote the environment in its error (the 4 KB limit does), so
 * secrets are masked in the error before it travels on to the CLI.
 */
async function carryingSecrets<T>(env: Record<string, string>, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error) {
      for (const secret of secretsOf(env)) error.message = error.message.split(secret).join('****');
    }
    throw error;
  }
}

/** Creates or updates the function ($LATEST); returns its ARN. */
export async function applyFunction(
  ctx: DeployContext,
  current: CurrentState,
  steps: Steps,
  role: string,
): Promise<string> {
  const { lambda } = clientsFor(ctx);
  const { spec } = steps;
  const name = spec.FunctionName;
  if (steps.recreate) {
    say(ctx, `Deleting Lambda function ${name}: its creation failed earlier`);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
  }
  if (steps.fn.action === 'create') {
    const artifact = await loadProxyArtifact();
    say(ctx, `Creating Lambda function ${name} (${Math.round(artifact.size / 1024)} KB)`);
    const out = await withRoleRetry(ctx, role, () =>
      carryingSecrets(spec.Environment, () =>
        lambda.send(
          new CreateFunctionCommand({
            ...configInput(spec, role),
            ...(spec.VpcConfig ? {} : { VpcConfig: undefined }),
            Code: { ZipFile: artifact.bytes },
            Architectures: [spec.Architecture],
            PackageType: 'Zip',
            Tags: steps.tags,
          }),
        ),
      ),
    );
    await waitForFunction(ctx, name, `Creating ${name}`);
    return out.FunctionArn ?? '';
  }
  if (steps.fn.code) {
    const artifact = await loadProxyArtifact();
    say(ctx, `Uploading new code to ${name}`);
    await whenIdle(ctx, name, () =>
      lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: name,
          ZipFile: artifact.bytes,
          Architectures: [spec.Architecture],
        }),
      ),
    );
    await waitForFunction(ctx, name, `Updating code of ${name}`);
  }
  if (steps.fn.config.length > 0) {
    say(ctx, `Updating configuration of ${name}: ${steps.fn.config.map((d) => d.field).join(', ')}`);
    await whenIdle(ctx, name, () =>
      withRoleRetry(ctx, role, () =>
        carryingSecrets(spec.Environment, () =>
          lambda.send(new UpdateFunctionConfigurationCommand(configInput(spec, role))),
        ),
      ),
    );
    await waitForFunction(ctx, name, `Updating configuration of ${name}`);
  }
  return current.function?.latest.FunctionArn ?? '';
}

export async function publish(ctx: DeployContext, steps: Steps): Promise<FunctionConfiguration> {
  const name = steps.spec.FunctionName;
  say(ctx, `Publishing a version of ${name}`);
  return whenIdle(ctx, name, () =>
    clientsFor(ctx).lambda.send(
      new PublishVersionCommand({ FunctionName: name, CodeSha256: steps.spec.CodeSha256 }),
    ),
  );
}
