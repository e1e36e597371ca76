import type { CheckRow, CheckStatus } from './types.js';

const MARK: Record<CheckStatus, string> = { ok: '✔', fail: '✖', warn: '⚠' };

/** The doctor table: a mark, the check, what it saw; the fix indented under a ✖ or ⚠ row. */
export function renderRows(rows: readonly CheckRow[]): string {
  const width = Math.max(...rows.map((r) => r.title.length));
  const lines: string[] = [];
  for (const row of rows) {
    lines.push(`${MARK[row.status]} ${row.title.padEnd(width)}  ${row.fact}`);
    if (row.fix && row.status !== 'ok') {
      for (const line of row.fix.split('\n')) lines.push(`  ${' '.repeat(width)}  ${line}`);
    }
  }
  return lines.join('\n');
}

export function summary(rows: readonly CheckRow[]): { ok: number; fail: number; warn: number } {
  return {
    ok: rows.filter((r) => r.status === 'ok').length,
    fail: rows.filter((r) => r.status === 'fail').length,
    warn: rows.filter((r) => r.status === 'warn').length,
  };
}
