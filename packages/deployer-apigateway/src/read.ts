import type { DeployContext } from '@mlship/core';
import { clientsFor } from './clients.js';
import { desiredFor } from './desired.js';
import { type LogGroupState, readLogGroup } from './log-group.js';
import { statementId } from './names.js';
import { lambdaPermissions, type PermissionStore } from './permission.js';
import { type ApiState, readApi } from './read-api.js';
import { type CognitoState, readCognito } from './read-cognito.js';

export interface CurrentState {
  cognito: CognitoState;
  api: ApiState;
  /** Source ARN of this API's statement on the alias's policy; undefined when there is none (or no API or alias yet). */
  permissionSourceArn?: string;
  /** The alias whose policy was read. */
  permissionAliasArn?: string;
  /** The managed access-log group, when release.yaml asks mlship for one and it exists. */
  logGroup?: LogGroupState;
}

/** Reads everything the plan compares; never mutates. */
export async function readState(ctx: DeployContext, store?: PermissionStore): Promise<CurrentState> {
  const desired = desiredFor(ctx, { requireAlias: false });
  const clients = clientsFor(ctx);
  const cognito = await readCognito(clients.cognito, desired.names, desired.domainPrefix);
  const api = await readApi(clients.apigw, desired.names, desired.stageName);
  const state: CurrentState = { cognito, api };
  if (desired.managedLogGroup) {
    const group = await readLogGroup(clients.logs, desired.names);
    if (group) state.logGroup = group;
  }
  if (api.api && desired.aliasArn) {
    const permissions = store ?? lambdaPermissions(clients.lambda);
    const sourceArn = await permissions.sourceArnOf(desired.aliasArn, statementId(api.api.id));
    state.permissionAliasArn = desired.aliasArn;
    if (sourceArn !== undefined) state.permissionSourceArn = sourceArn;
  }
  return state;
}
