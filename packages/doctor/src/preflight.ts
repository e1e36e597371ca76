import { MlshipError, type PreflightInput } from '@mlship/core';
import { checkIdentity } from './identity.js';
import { needFromPlan } from './need.js';
import { declaredPermissions } from './permissions.js';
import { checkPrincipal } from './principal.js';
import { checkQuota } from './quotas.js';
import { renderRows } from './render.js';
import { checkRole } from './role.js';
import type { CheckRow } from './types.js';

/**
 * The deploy's preflight, after planning and before applying: the cheap, decisive checks (instance quota, the
 * execution role's trust and image pull, the principal's permissions for the planned calls). A ✖ stops the
 * deploy with exit 2 and the doctor table; nothing has been changed by then.
 */
export async function preflight({ plans, targets, contexts }: PreflightInput): Promise<CheckRow[]> {
  const ctx = contexts[0];
  if (!ctx) return [];
  const rows: CheckRow[] = [];
  const { row: identityRow, identity } = await checkIdentity(ctx);
  if (identityRow.status === 'fail') rows.push(identityRow);
  const index = targets.findIndex(({ entry }) => entry.name === 'sagemaker');
  const plan = plans[index];
  const need = plan ? needFromPlan(ctx, plan) : undefined;
  if (need) {
    rows.push(await checkQuota(ctx, need));
    rows.push(await checkRole(ctx));
  }
  const declared = declaredPermissions(targets, (i) => contexts[i]!, plans);
  rows.push(await checkPrincipal(ctx, identity, declared.permissions, declared.undeclared));

  const table = renderRows(rows);
  const failed = rows.filter((row) => row.status === 'fail');
  if (failed.length > 0) {
    throw new MlshipError(
      'PREFLIGHT_FAILED',
      `Preflight: ${failed.length} check(s) failed; nothing was changed.\n${table}`,
      {
        hint: `Fix the ✖ rows, then deploy again (\`mlship doctor --env ${ctx.resolved.env}\` shows every check). --skip-preflight deploys without these checks.`,
        details: { rows },
      },
    );
  }
  for (const row of rows.filter((r) => r.status === 'warn')) {
    ctx.host.notify({ level: 'warn', code: 'DOCTOR_REPORT', message: renderRows([row]), data: row });
  }
  ctx.host.notify({
    level: 'debug',
    code: 'PREFLIGHT_PASSED',
    message: `Preflight passed:\n${table}`,
    data: { rows },
  });
  return rows;
}
