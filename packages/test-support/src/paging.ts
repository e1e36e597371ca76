/**
 * One page of `items` from an opaque `nextToken` (base64 of the offset and a fingerprint of the query, so a
 * token from another listing is refused). Throws `badToken()` for a token this listing did not hand out.
 */
export function page<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
  query: string,
  badToken: () => Error,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    const bar = decoded.indexOf('|');
    const fingerprint = decoded.slice(bar + 1);
    start = bar > 0 ? Number(decoded.slice(0, bar)) : Number.NaN;
    if (fingerprint !== query || !Number.isInteger(start) || start < 0 || start > items.length)
      throw badToken();
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(`${end}|${query}`).toString('base64url') } : {}),
  };
}
