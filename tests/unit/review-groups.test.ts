/** Which reviews a per-review report adds with no selected studies, on a hand-made dataset. */
import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../src/core/evidence/query.js';
import { fieldsOf } from '../../src/core/evidence/dataset.js';
import { reviewsSelected, withReviewGroups } from '../../src/core/evidence/review-groups.js';
import type { Dataset, Row } from '../../src/core/evidence/table.js';

const reviews: Row[] = [
  { review_id: 'b-2015', condition: ['sciatica'] },
  { review_id: 'a-2014', condition: [] },
  { review_id: 'c-2018', condition: ['low-back-pain', 'neck-pain'] },
];
const dataset: Dataset = {
  reviews: { name: 'reviews', columns: ['review_id', 'condition'], rows: reviews, origins: [], files: ['reviews.csv'] },
};
const where = (...texts: string[]) => texts.map((t) => parseWhere(t, fieldsOf('studies')));

describe('reviewsSelected', () => {
  it('every review without conditions, in file order; none when not grouping by review', () => {
    expect(reviewsSelected(dataset, 'review', [])).toEqual(['b-2015', 'a-2014', 'c-2018']);
    expect(reviewsSelected(dataset, 'review_verified', [])).toEqual(['b-2015', 'a-2014', 'c-2018']);
    expect(reviewsSelected(dataset, 'condition', [])).toEqual([]);
  });

  it('answers conditions on the review and its conditions; any other field selects none', () => {
    expect(reviewsSelected(dataset, 'review', where('review=a-2014'))).toEqual(['a-2014']);
    expect(reviewsSelected(dataset, 'review', where('condition=sciatica'))).toEqual(['b-2015']);
    expect(reviewsSelected(dataset, 'review', where('condition=neck-pain', 'review!=b-2015'))).toEqual(['c-2018']);
    expect(reviewsSelected(dataset, 'review', where('year>=2000'))).toEqual([]);
  });
});

describe('withReviewGroups', () => {
  it('adds the missing reviews in key order, before the unknown group, and leaves the total alone', () => {
    const grouped = {
      rows: [
        { group: 'c-2018', n: 2 },
        { group: null, n: 1 },
      ],
      total: { group: null, n: 3 },
    };
    const out = withReviewGroups(grouped, ['b-2015', 'c-2018', 'a-2014'], () => ({ n: 0 }));
    expect(out.rows).toEqual([
      { group: 'a-2014', n: 0 },
      { group: 'b-2015', n: 0 },
      { group: 'c-2018', n: 2 },
      { group: null, n: 1 },
    ]);
    expect(out.total).toEqual({ group: null, n: 3 });
  });
});
