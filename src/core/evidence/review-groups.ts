/**
 * The reviews a per-review report must show even when none of their studies is selected: a review
 * with no bundled study rows (Ji 2015) would otherwise vanish from `summary` and `patients`, and a
 * user asking about its condition would see nothing instead of "0 in the data".
 */
import { compareText } from '../text/compare-text.js';
import type { GroupKey, Grouped } from './aggregate.js';
import { matches, type Condition } from './query.js';
import { isList, type Dataset, type Row } from './table.js';

const REVIEW_FIELDS: readonly string[] = ['review', 'review_verified'];

/**
 * The study fields a review row can answer by itself: which review it is, and its conditions. A
 * condition on any other field (year, design, n_randomised) says nothing about a review without
 * study rows, so such a selection adds no empty review.
 */
const REVIEW_LEVEL_FIELDS: readonly string[] = ['review', 'review_verified', 'condition'];

/**
 * The review_ids of reviews.csv, in file order, that the conditions select when grouping by `field`
 * (only `review` and `review_verified` group by review; other fields give none).
 */
export function reviewsSelected(dataset: Dataset, field: string, conditions: readonly Condition[]): string[] {
  if (!REVIEW_FIELDS.includes(field)) return [];
  if (conditions.some((c) => !REVIEW_LEVEL_FIELDS.includes(c.field))) return [];
  const ids: string[] = [];
  for (const review of dataset.reviews?.rows ?? []) {
    const id = review['review_id'];
    if (typeof id !== 'string') continue;
    const condition = review['condition'] ?? null;
    const asStudy: Row = { review: [id], review_verified: [id], condition: isList(condition) ? condition : [] };
    if (conditions.every((c) => matches(asStudy, c))) ids.push(id);
  }
  return ids;
}

/** Orders group keys as groupRows does: by value (numbers numerically), unknown last. */
function compareKeys(a: GroupKey, b: GroupKey): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

/** Adds a group for each of the reviews that has none yet, aggregated by `empty`; the total is unchanged. */
export function withReviewGroups<T>(
  grouped: Grouped<T>,
  reviewIds: readonly string[],
  empty: (id: string) => T,
): Grouped<T> {
  const present = new Set(grouped.rows.map((g) => g.group));
  const added = reviewIds.filter((id) => !present.has(id)).map((id) => ({ ...empty(id), group: id }));
  if (added.length === 0) return grouped;
  return { rows: [...grouped.rows, ...added].sort((a, b) => compareKeys(a.group, b.group)), total: grouped.total };
}
