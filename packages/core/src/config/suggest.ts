/** Levenshtein distance, case-insensitive (a wrong case counts as a small difference). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return a === b ? 0 : 0.5;
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** The candidate nearest to `input`, if it is near enough to be a likely typo. */
export function closest(
  input: string,
  candidates: readonly string[],
  maxDistance?: number,
): string | undefined {
  const limit = maxDistance ?? Math.max(2, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(
  input: string,
  candidates: readonly string[],
  maxDistance?: number,
): string | undefined {
  const match = closest(input, candidates, maxDistance);
  return match === undefined ? undefined : `did you mean ${match}?`;
}
