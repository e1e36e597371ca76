import { DEPLOYER_CONTRACT_VERSION, type Deployer } from '@mlship/core';
import { applyApiGateway } from './apply.js';
import { destroyApiGateway } from './destroy.js';
import type { PermissionStore } from './permission.js';
import { permissionsApiGateway } from './permissions.js';
import { type ApiGatewayDetail, planApiGateway } from './plan.js';
import { type CurrentState, readState } from './read.js';
import { statusApiGateway } from './status.js';

export interface ApiGatewayDeployerOptions {
  /** Where the Lambda permission lives; default: the alias's resource policy through the Lambda API. */
  permissions?: PermissionStore;
}

/** The dev front door: Cognito (client credentials) + API Gateway REST API with an API key and a usage plan. */
export function createApiGatewayDeployer(
  options: ApiGatewayDeployerOptions = {},
): Deployer<CurrentState, ApiGatewayDetail> {
  return {
    contractVersion: DEPLOYER_CONTRACT_VERSION,
    name: 'apigateway',
    read: (ctx) => readState(ctx, options.permissions),
    plan: planApiGateway,
    apply: (plan, ctx) => applyApiGateway(plan, ctx, options.permissions),
    status: statusApiGateway,
    destroy: (ctx) => destroyApiGateway(ctx, options.permissions),
    permissions: permissionsApiGateway,
  };
}

export const deployer = createApiGatewayDeployer();

export { type CallOptions, type CallResult, call } from './call/call.js';
export {
  type CallCredentials,
  type CallCredentialsOptions,
  callCredentials,
} from './call/credentials.js';
export type { CallResponse } from './call/response.js';
export type { InvokePermission } from './permission.js';
export type { ApiGatewayDetail, CurrentState, PermissionStore };
