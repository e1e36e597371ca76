import {
  type FunctionConfiguration,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { type DeployContext, deployError } from '@mlship/core';
import { clientsFor, orMissing } from './clients.js';
import { ALIAS, URL_STATEMENT_ID } from './names.js';
import { isBusy, waitForFunction } from './wait.js';

/** The parts of a function configuration ($LATEST or a version) the plan compares. */
export interface FunctionSnapshot {
  Version: string;
  FunctionArn: string;
  Role: string;
  Runtime: string;
  Handler: string;
  MemorySize: number;
  Timeout: number;
  Architecture: string;
  Environment: Record<string, string>;
  VpcConfig?: { SubnetIds: string[]; SecurityGroupIds: string[] };
  Description: string;
  CodeSha256: string;
}

export interface FunctionState {
  latest: FunctionSnapshot;
  state: string;
  lastUpdateStatus?: string;
  tags: Record<string, string>;
  reservedConcurrency?: number;
  alias?: { version: string; arn: string };
  /** Published versions, oldest first. */
  versions: FunctionSnapshot[];
  url?: { url: string; authType: string };
  /** The public-URL statement is on the alias's policy. */
  urlPermission: boolean;
}

export function snapshotOf(config: FunctionConfiguration): FunctionSnapshot {
  const subnets = config.VpcConfig?.SubnetIds ?? [];
  return {
    Version: config.Version ?? '$LATEST',
    FunctionArn: config.FunctionArn ?? '',
    Role: config.Role ?? '',
    Runtime: config.Runtime ?? '',
    Handler: config.Handler ?? '',
    MemorySize: config.MemorySize ?? 128,
    Timeout: config.Timeout ?? 3,
    Architecture: config.Architectures?.[0] ?? 'x86_64',
    Environment: { ...(config.Environment?.Variables ?? {}) },
    ...(subnets.length > 0
      ? {
          VpcConfig: {
            SubnetIds: [...subnets],
            SecurityGroupIds: [...(config.VpcConfig?.SecurityGroupIds ?? [])],
          },
        }
      : {}),
    Description: config.Description ?? '',
    CodeSha256: config.CodeSha256 ?? '',
  };
}

async function listVersions(ctx: DeployContext, name: string): Promise<FunctionSnapshot[]> {
  const { lambda } = clientsFor(ctx);
  const versions: FunctionSnapshot[] = [];
  let marker: string | undefined;
  do {
    const page = await lambda.send(
      new ListVersionsByFunctionCommand({ FunctionName: name, ...(marker ? { Marker: marker } : {}) }),
    );
    for (const config of page.Versions ?? []) {
      if (config.Version && config.Version !== '$LATEST') versions.push(snapshotOf(config));
    }
    marker = page.NextMarker;
  } while (marker);
  return versions.sort((a, b) => Number(a.Version) - Number(b.Version));
}

/** Reads the function, its versions, the `live` alias and its URL; waits out an update in progress. */
export async function readFunction(ctx: DeployContext, name: string): Promise<FunctionState | undefined> {
  const { lambda } = clientsFor(ctx);
  const got = await orMissing(() => lambda.send(new GetFunctionCommand({ FunctionName: name })));
  if (!got?.Configuration) return undefined;
  let config = got.Configuration;
  if (isBusy(config)) {
    if (!ctx.wait) {
      throw deployError(
        'LAMBDA_BUSY',
        `Lambda function ${name} is ${config.State === 'Pending' ? 'Pending' : 'being updated'} (another deploy may be running).`,
        'Run again without --no-wait to wait for it.',
      );
    }
    config = await waitForFunction(ctx, name, `Waiting for ${name}`, false);
  }
  const alias = await orMissing(() => lambda.send(new GetAliasCommand({ FunctionName: name, Name: ALIAS })));
  const url = alias
    ? await orMissing(() =>
        lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name, Qualifier: ALIAS })),
      )
    : undefined;
  const policy = alias
    ? await orMissing(() => lambda.send(new GetPolicyCommand({ FunctionName: name, Qualifier: ALIAS })))
    : undefined;
  const statements = policy?.Policy ? (JSON.parse(policy.Policy).Statement as Array<{ Sid?: string }>) : [];
  const reserved = got.Concurrency?.ReservedConcurrentExecutions;
  return {
    latest: snapshotOf(config),
    state: config.State ?? 'Unknown',
    ...(config.LastUpdateStatus ? { lastUpdateStatus: config.LastUpdateStatus } : {}),
    tags: { ...(got.Tags ?? {}) },
    ...(reserved === undefined ? {} : { reservedConcurrency: reserved }),
    ...(alias?.FunctionVersion
      ? { alias: { version: alias.FunctionVersion, arn: alias.AliasArn ?? '' } }
      : {}),
    versions: await listVersions(ctx, name),
    ...(url?.FunctionUrl ? { url: { url: url.FunctionUrl, authType: url.AuthType ?? '' } } : {}),
    urlPermission: statements.some((s) => s.Sid === URL_STATEMENT_ID),
  };
}
