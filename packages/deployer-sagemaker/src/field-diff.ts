import type { FieldDiff } from '@mlship/core';

/** The fields whose before and after differ (compared as JSON). */
export function diffs(fields: Array<[string, unknown, unknown]>): FieldDiff[] {
  return fields
    .filter(([, before, after]) => JSON.stringify(before) !== JSON.stringify(after))
    .map(([field, before, after]) => ({ field, before, after }));
}
