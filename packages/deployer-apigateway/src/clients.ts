import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { awsClient, type DeployContext } from '@mlship/core';

export interface Clients {
  apigw: APIGatewayClient;
  cognito: CognitoIdentityProviderClient;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
}

/** The run's shared clients (one per service and region), from core's factory. */
export function clientsFor(ctx: Pick<DeployContext, 'resolved' | 'env'>): Clients {
  return {
    apigw: awsClient(ctx, APIGatewayClient),
    cognito: awsClient(ctx, CognitoIdentityProviderClient),
    lambda: awsClient(ctx, LambdaClient),
    logs: awsClient(ctx, CloudWatchLogsClient),
  };
}

export function errorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}

/** Runs a read; an error named in `codes` (a missing or off-limits resource) gives undefined. */
export async function orMissing<T>(codes: string[], read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (codes.includes(errorName(error))) return undefined;
    throw error;
  }
}
