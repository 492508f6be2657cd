/** "Did you mean" for misspelt column names, operators and vocabulary values. */

/** Words longer than this get no suggestion (no column, operator or id is that long). */
const MAX_WORD = 64;
/** At most this many candidates are compared, so that the work per suggestion is bounded. */
const MAX_CANDIDATES = 10_000;

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment),
 * or limit + 1 as soon as it must exceed `limit` (rows of three, no table of the two lengths).
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? limit + 1;
}

/**
 * The candidate that contains the word (the shortest such), else the closest one within
 * max(1, a third of the word's length) edits, if any. Bounded: words over MAX_WORD characters get
 * none, and only the first MAX_CANDIDATES candidates are looked at.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > MAX_WORD || word.length === 0) return undefined;
  const pool = candidates.length > MAX_CANDIDATES ? candidates.slice(0, MAX_CANDIDATES) : candidates;
  const lower = word.toLowerCase();
  const containing = pool
    .filter((c) => lower.length >= 3 && c.toLowerCase().includes(lower))
    .sort((a, b) => a.length - b.length);
  if (containing[0] !== undefined) return containing[0];
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of pool) {
    if (candidate.length > MAX_WORD) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match ? ` (did you mean "${match}"?)` : '';
}
