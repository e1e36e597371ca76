import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { awsClient, type DeployContext } from '@mlship/core';

export interface Clients {
  lambda: LambdaClient;
  iam: IAMClient;
  elasticache: ElastiCacheClient;
  logs: CloudWatchLogsClient;
}

/** The deploy's shared clients (one per service and region per run), from core's factory. */
export function clientsFor(ctx: DeployContext): Clients {
  return {
    lambda: awsClient(ctx, LambdaClient),
    iam: awsClient(ctx, IAMClient),
    elasticache: awsClient(ctx, ElastiCacheClient),
    logs: awsClient(ctx, CloudWatchLogsClient),
  };
}

export function errorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchEntityException',
  'NoSuchEntity',
  'ServerlessCacheNotFoundFault',
]);

export function isNotFound(error: unknown): boolean {
  return NOT_FOUND.has(errorName(error));
}

/** Runs a read and maps "not found" to undefined. */
export async function orMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
