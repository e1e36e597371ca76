import { type DeployContext, defaultDomainPrefix, domainPrefixProblem, MlshipError } from '@mlship/core';
import { logGroupArn, logGroupName } from './log-group.js';
import { type Names, namesFor } from './names.js';

export interface Desired {
  names: Names;
  region: string;
  /** Full OAuth scopes a token must carry, `<resource server>/<scope>`. */
  scopes: string[];
  /** The scope names on the resource server. */
  scopeNames: string[];
  domainPrefix: string;
  stageName: string;
  throttle: { rateLimit: number; burstLimit: number };
  quota: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
  cors?: { allowOrigin: string };
  /** Where the stage writes access logs: release.yaml's ARN, or the managed group's once the account is known. */
  accessLogArn?: string;
  /** The access-log group mlship creates and owns (when accessLogs has no destinationArn). */
  managedLogGroup?: { name: string; retentionInDays: number };
  /** The Lambda proxy's `live` alias, when the upstream target knows it (after its apply, always). */
  aliasArn?: string;
}

export interface AliasParts {
  partition: string;
  region: string;
  accountId: string;
}

export function aliasParts(aliasArn: string): AliasParts {
  const match = /^arn:(aws[\w-]*):lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]+:[A-Za-z0-9_$-]+$/.exec(
    aliasArn,
  );
  if (!match) {
    throw new MlshipError(
      'APIGW_UPSTREAM_INVALID',
      `The lambda target handed over aliasArn "${aliasArn}", which is not a Lambda alias ARN.`,
      { kind: 'internal' },
    );
  }
  return { partition: match[1] as string, region: match[2] as string, accountId: match[3] as string };
}

/** What release.yaml and the upstream outputs ask for. Throws when the chain has no Lambda target before this one. */
export function desiredFor(
  ctx: DeployContext,
  options: { requireAlias: boolean; requireUpstream?: boolean },
): Desired {
  const { config, env } = ctx.resolved;
  const gateway = config.api.apigateway;
  const lambda = ctx.upstream.lambda;
  const upstreamMissing = options.requireUpstream !== false && !lambda;
  if (upstreamMissing || (options.requireAlias && typeof lambda?.aliasArn !== 'string')) {
    throw new MlshipError(
      'APIGW_UPSTREAM_MISSING',
      `The apigateway target of ${config.name} (${env}) needs the Lambda proxy's live alias, and no lambda outputs were handed to it.`,
      {
        hint:
          'Install @mlship/deployer-lambda next to the CLI and deploy the whole chain: mlship deploy --env ' +
          env,
      },
    );
  }
  const names = namesFor(ctx.resolved);
  const domainPrefix = gateway?.domainPrefix ?? defaultDomainPrefix(config.name, env);
  const problem = domainPrefixProblem(domainPrefix);
  if (problem) {
    throw new MlshipError('APIGW_DOMAIN_PREFIX_INVALID', `Cognito hosted domain: ${problem}.`, {
      hint: 'Set api.apigateway.domainPrefix in release.yaml to a valid prefix.',
    });
  }
  const scopeNames = [...(gateway?.scopes ?? ['invoke'])].sort();
  return {
    names,
    region: config.region,
    scopeNames,
    scopes: scopeNames.map((scope) => `${names.resourceServer}/${scope}`),
    domainPrefix,
    stageName: gateway?.stageName ?? 'v1',
    throttle: {
      rateLimit: gateway?.throttle.rateLimit ?? 50,
      burstLimit: gateway?.throttle.burstLimit ?? 100,
    },
    quota: { limit: gateway?.quota.limit ?? 10000, period: gateway?.quota.period ?? 'DAY' },
    ...(gateway?.cors ? { cors: { allowOrigin: gateway.cors.allowOrigin } } : {}),
    ...accessLogs(
      gateway?.accessLogs,
      names,
      config.region,
      typeof lambda?.aliasArn === 'string' ? lambda.aliasArn : undefined,
    ),
    ...(typeof lambda?.aliasArn === 'string' ? { aliasArn: lambda.aliasArn } : {}),
  };
}

function accessLogs(
  settings: { destinationArn?: string | undefined; retentionInDays: number } | undefined,
  names: Names,
  region: string,
  aliasArn: string | undefined,
): Pick<Desired, 'accessLogArn' | 'managedLogGroup'> {
  if (!settings) return {};
  if (settings.destinationArn) return { accessLogArn: settings.destinationArn };
  const managedLogGroup = { name: logGroupName(names), retentionInDays: settings.retentionInDays };
  if (!aliasArn) return { managedLogGroup };
  const { partition, accountId } = aliasParts(aliasArn);
  return { managedLogGroup, accessLogArn: logGroupArn(partition, region, accountId, managedLogGroup.name) };
}
