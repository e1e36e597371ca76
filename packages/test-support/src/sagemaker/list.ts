import { validationError } from '../server/aws-error.js';

export interface ListInput {
  SortBy?: string;
  SortOrder?: 'Ascending' | 'Descending';
  NextToken?: string;
  MaxResults?: number;
  NameContains?: string;
  CreationTimeBefore?: Date;
  CreationTimeAfter?: Date;
}

/** Filters, sorts (default CreationTime, Descending) and paginates the way SageMaker List* calls do. */
export function listPage<T extends { CreationTime: Date }>(
  items: T[],
  input: ListInput,
  name: (item: T) => string,
  sortKeys: Record<string, (item: T) => string | number> = {},
): { page: T[]; NextToken?: string } {
  const keys: Record<string, (item: T) => string | number> = {
    Name: name,
    CreationTime: (item) => item.CreationTime.getTime(),
    ...sortKeys,
  };
  const key = keys[input.SortBy ?? 'CreationTime'] ?? keys.CreationTime;
  const direction = (input.SortOrder ?? 'Descending') === 'Ascending' ? 1 : -1;
  const needle = input.NameContains?.toLowerCase();
  const filtered = items
    .filter((item) => !needle || name(item).toLowerCase().includes(needle))
    .filter((item) => input.CreationTimeBefore === undefined || item.CreationTime < input.CreationTimeBefore)
    .filter((item) => input.CreationTimeAfter === undefined || item.CreationTime > input.CreationTimeAfter)
    .sort((a, b) => {
      const [x, y] = [key?.(a) ?? 0, key?.(b) ?? 0];
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
  const start = decodeToken(input.NextToken);
  const max = input.MaxResults ?? 10;
  const page = filtered.slice(start, start + max);
  const next = start + max < filtered.length ? encodeToken(start + max) : undefined;
  return next ? { page, NextToken: next } : { page };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset: number };
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw validationError('Invalid pagination token');
}
