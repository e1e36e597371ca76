import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionUrlConfigCommand,
  DeleteFunctionUrlConfigCommand,
  RemovePermissionCommand,
  UpdateAliasCommand,
  UpdateFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';
import type { DeployContext } from '@mlship/core';
import { clientsFor } from './clients.js';
import { ALIAS, URL_STATEMENT_ID } from './names.js';
import type { Steps } from './steps.js';

/** Creates the `live` alias or moves it to `version`. */
export async function applyAlias(
  ctx: DeployContext,
  steps: Steps,
  version: string,
  before: string | undefined,
): Promise<void> {
  const { lambda } = clientsFor(ctx);
  const name = steps.spec.FunctionName;
  if (!before) {
    ctx.host.notify({ level: 'info', message: `Creating alias ${name}:${ALIAS} → version ${version}` });
    await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: ALIAS, FunctionVersion: version }));
  } else if (before !== version) {
    ctx.host.notify({
      level: 'info',
      message: `Moving alias ${name}:${ALIAS} from version ${before} to ${version}`,
    });
    await lambda.send(new UpdateAliasCommand({ FunctionName: name, Name: ALIAS, FunctionVersion: version }));
  }
}

/**
 * Apigee fronts: a function URL on the alias with AuthType NONE, opened by a public InvokeFunctionUrl statement (the
 * handler checks the origin secret). Other fronts: removes both. Returns the URL when there is one.
 */
export async function applyUrl(
  ctx: DeployContext,
  steps: Steps,
  existing: string | undefined,
): Promise<string | undefined> {
  const { lambda } = clientsFor(ctx);
  const name = steps.spec.FunctionName;
  let url = existing;
  if (steps.url === 'create') {
    ctx.host.notify({ level: 'info', message: `Creating the function URL of ${name}:${ALIAS}` });
    const out = await lambda.send(
      new CreateFunctionUrlConfigCommand({
        FunctionName: name,
        Qualifier: ALIAS,
        AuthType: 'NONE',
        InvokeMode: 'BUFFERED',
      }),
    );
    url = out.FunctionUrl;
  } else if (steps.url === 'update') {
    const out = await lambda.send(
      new UpdateFunctionUrlConfigCommand({ FunctionName: name, Qualifier: ALIAS, AuthType: 'NONE' }),
    );
    url = out.FunctionUrl;
  }
  if (steps.urlPermission === 'add') {
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        Qualifier: ALIAS,
        StatementId: URL_STATEMENT_ID,
        Action: 'lambda:InvokeFunctionUrl',
        Principal: '*',
        FunctionUrlAuthType: 'NONE',
      }),
    );
  } else if (steps.urlPermission === 'remove') {
    await lambda.send(
      new RemovePermissionCommand({ FunctionName: name, Qualifier: ALIAS, StatementId: URL_STATEMENT_ID }),
    );
  }
  if (steps.url === 'delete') {
    ctx.host.notify({
      level: 'info',
      message: `Deleting the function URL of ${name}:${ALIAS} (front is not apigee)`,
    });
    await lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: name, Qualifier: ALIAS }));
    return undefined;
  }
  return url;
}
