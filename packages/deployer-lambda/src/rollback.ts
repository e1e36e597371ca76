import { UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { type DeployContext, deployError, type RollbackReport } from '@mlship/core';
import { clientsFor } from './clients.js';
import { redisEndpoint } from './desired.js';
import { ALIAS, functionName } from './names.js';
import { type FunctionSnapshot, readFunction } from './read-function.js';

/** The model version SageMaker serves after its own rollback (absent when the engine gives no upstream). */
function servedModelVersion(ctx: DeployContext): string | undefined {
  const sagemaker = ctx.upstream.sagemaker ?? {};
  if (typeof sagemaker.modelVersion === 'string' && sagemaker.modelVersion) return sagemaker.modelVersion;
  const modelName = typeof sagemaker.modelName === 'string' ? sagemaker.modelName : '';
  return /-([a-z0-9]{8})$/.exec(modelName)?.[1];
}

/**
 * Points `live` back at a kept version: `to` when it names one (a version number), else the newest version whose
 * MODEL_VERSION is the model SageMaker serves after its rollback (so cache keys follow the model), else the version
 * before the live one.
 */
export async function rollbackLambda(ctx: DeployContext, to?: string): Promise<RollbackReport> {
  const { config, env } = ctx.resolved;
  const name = functionName(config.name, env);
  const fn = await readFunction(ctx, name);
  const live = fn?.alias?.version;
  if (!fn || !live) {
    throw deployError(
      'LAMBDA_ROLLBACK_NONE',
      `Lambda function ${name} has no ${ALIAS} alias to roll back.`,
      'Deploy first.',
    );
  }
  const older = fn.versions.filter((v) => Number(v.Version) < Number(live)).reverse();
  const model = servedModelVersion(ctx);
  let target: FunctionSnapshot | undefined;
  if (to && /^\d+$/.test(to)) target = fn.versions.find((v) => v.Version === to);
  else if (model) {
    target = fn.versions.find((v) => v.Version === live && v.Environment.MODEL_VERSION === model);
    target ??= older.find((v) => v.Environment.MODEL_VERSION === model);
  } else target = older[0];
  if (!target) {
    const wanted =
      to && /^\d+$/.test(to)
        ? `version ${to}`
        : model
          ? `a version serving model ${model}`
          : 'an older version';
    throw deployError(
      'LAMBDA_ROLLBACK_NONE',
      `No kept version of ${name} is ${wanted} (kept: ${fn.versions.map((v) => v.Version).join(', ') || 'none'}).`,
      'Run `mlship deploy` to publish one for the model that is serving, or raise proxy.keepVersions.',
    );
  }
  if (target.Version !== live) {
    ctx.host.notify({
      level: 'info',
      message: `Moving alias ${name}:${ALIAS} from version ${live} to ${target.Version}`,
    });
    await clientsFor(ctx).lambda.send(
      new UpdateAliasCommand({ FunctionName: name, Name: ALIAS, FunctionVersion: target.Version }),
    );
  }
  const cacheEndpoint = redisEndpoint(target.Environment.REDIS_URL);
  return {
    target: 'lambda',
    from: live,
    to: target.Version,
    outputs: {
      functionName: name,
      functionArn: fn.latest.FunctionArn,
      aliasName: ALIAS,
      aliasArn: `${fn.latest.FunctionArn}:${ALIAS}`,
      version: target.Version,
      modelVersion: target.Environment.MODEL_VERSION ?? '',
      codeSha256: target.CodeSha256,
      ...(cacheEndpoint ? { cacheEndpoint } : {}),
      ...(fn.url ? { functionUrl: fn.url.url } : {}),
      ...(target.Environment.ORIGIN_SECRET ? { originSecret: target.Environment.ORIGIN_SECRET } : {}),
    },
  };
}
