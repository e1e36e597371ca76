import {
  ListAWSDefaultServiceQuotasCommand,
  ListServiceQuotasCommand,
  type ServiceQuota,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { awsClient, type DeployContext } from '@mlship/core';

export interface Quota {
  code: string;
  name: string;
  value: number;
  /** `applied` (the account's value) or `default` (AWS's default: never raised in this account). */
  source: 'applied' | 'default';
  adjustable: boolean;
}

/** Per run (one ResolvedConfig): the sagemaker quotas by name, listed once. */
const cache = new WeakMap<object, Promise<Map<string, Quota>>>();

async function listAll(
  ctx: DeployContext,
  Command: typeof ListServiceQuotasCommand | typeof ListAWSDefaultServiceQuotasCommand,
): Promise<ServiceQuota[]> {
  const client = awsClient(ctx, ServiceQuotasClient);
  const all: ServiceQuota[] = [];
  let NextToken: string | undefined;
  do {
    const out = await client.send(
      new Command({ ServiceCode: 'sagemaker', MaxResults: 100, ...(NextToken ? { NextToken } : {}) }),
    );
    all.push(...(out.Quotas ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return all;
}

/**
 * The sagemaker service's quotas by name. Quota codes differ per quota and are not derivable from the name, so
 * they are found by listing: the applied values first, then AWS's defaults for quotas never changed here.
 */
export function sagemakerQuotas(ctx: DeployContext): Promise<Map<string, Quota>> {
  let found = cache.get(ctx.resolved);
  if (!found) {
    found = (async () => {
      const byName = new Map<string, Quota>();
      const add = (quotas: ServiceQuota[], source: Quota['source']) => {
        for (const q of quotas) {
          if (!q.QuotaName || !q.QuotaCode || byName.has(q.QuotaName)) continue;
          byName.set(q.QuotaName, {
            code: q.QuotaCode,
            name: q.QuotaName,
            value: q.Value ?? 0,
            source,
            adjustable: q.Adjustable ?? true,
          });
        }
      };
      add(await listAll(ctx, ListServiceQuotasCommand), 'applied');
      add(await listAll(ctx, ListAWSDefaultServiceQuotasCommand), 'default');
      return byName;
    })();
    found.catch(() => cache.delete(ctx.resolved));
    cache.set(ctx.resolved, found);
  }
  return found;
}
