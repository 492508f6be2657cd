/** The sentences printed on stderr beside a result: coverage and caveats, with numbers formatted for people. */
import type { ClaimResult } from '../core/claims/claims.js';
import type { Coverage } from '../core/evidence/coverage.js';
import { formatCell } from './format.js';

const count = (n: number): string => formatCell(n, { key: 'n', kind: 'integer' }, 'human');
const percent = (f: number | null): string =>
  f === null ? '' : ` (${formatCell(f, { key: 'p', kind: 'percent' }, 'human')})`;

/** "vickers-2018: 10 of the 39 studies it reports are in the data (0 verified, 4 inferred, 6 candidate), ..." */
export function coverageNote(c: Coverage): string {
  if (c.studies === 0) return emptyCoverageNote(c);
  const studies =
    c.studies_reported === null
      ? `${count(c.studies)} of its studies ${c.studies === 1 ? 'is' : 'are'} in the selection (the review gives no total)`
      : `${count(c.studies)} of the ${count(c.studies_reported)} studies it reports are in the selection${percent(c.study_share)}`;
  const membership = `${c.verified} verified, ${c.inferred} inferred, ${c.candidate} candidate`;
  const patients =
    c.patients === null
      ? `no count of patients randomised${c.participants_reported === null ? '' : ` (the review reports ${count(c.participants_reported)})`}`
      : c.participants_reported === null
        ? `${count(c.patients)} patients randomised (the review gives no total)`
        : `${count(c.patients)} of its ${count(c.participants_reported)} patients${percent(c.patient_share)}`;
  const missing =
    c.studies_without_n > 0
      ? `; ${c.studies_without_n} ${c.studies_without_n === 1 ? 'gives' : 'give'} no n_randomised`
      : '';
  return `${c.review_id}: ${studies} [${membership}], with ${patients}${missing}.`;
}

/** A review none of whose studies is selected: what it reports, and whether any of its studies is bundled at all. */
function emptyCoverageNote(c: Coverage): string {
  const reported = [
    c.studies_reported === null ? null : `${count(c.studies_reported)} studies`,
    c.participants_reported === null ? null : `${count(c.participants_reported)} participants`,
  ].filter((s) => s !== null);
  const what = reported.length === 0 ? 'it gives no totals' : `it reports ${reported.join(' and ')}`;
  return c.studies_in_data === 0
    ? `${c.review_id}: 0 in the data (${what}); none of its studies is bundled.`
    : `${c.review_id}: 0 in the selection (${what}); ${count(c.studies_in_data)} of its studies ${c.studies_in_data === 1 ? 'is' : 'are'} in the data.`;
}

/** 0.95 → "95%", 0.975 → "97.5%". */
export function levelText(level: number): string {
  const percent = Number((level * 100).toPrecision(12));
  return `${percent}%`;
}

export function intervalNote(level: number, method: 'wilson' | 'exact'): string {
  const name = method === 'exact' ? 'exact (Clopper-Pearson)' : 'Wilson score';
  return `${levelText(level)} CI: ${name}; with zero events, the exact one-sided upper bound (lower bound 0).`;
}

/** A number as a claim prints it: thousands for counts, a % sign for percentages, the unit otherwise. */
export function claimedText(value: number | null, high: number | null, unit: string | null): string {
  if (value === null) return '';
  const n = (v: number) =>
    unit === 'count' || unit === null ? formatCell(v, { key: 'n', kind: 'number' }, 'human') : String(v);
  const range = high === null ? n(value) : `${n(value)}–${n(high)}`;
  if (unit === 'percent') return `${range}%`;
  if (unit === null || unit === 'count') return range;
  // "1 year", "24 hours": singular only for exactly one.
  return `${range} ${high === null && value === 1 ? unit.replace(/s$/, '') : unit}`;
}

/** The recomputed value of a claim, as a reader compares it with the claim. */
export function computedText(result: ClaimResult): string {
  return claimedText(rounded(result.computed), null, result.unit);
}

/** The sentence that explains a verdict. */
export function claimReason(result: ClaimResult): string {
  const b = result.basis;
  const notes = 'notes' in b && b.notes.length > 0 ? `; ${b.notes.join('; ')}` : '';
  switch (b.kind) {
    case 'no-metric':
      return 'no metric of the data measures this';
    case 'no-value':
      return b.notes.length > 0 ? b.notes.join('; ') : 'the data cannot give this value';
    case 'partial': {
      const held =
        b.studies_reported === null
          ? `${b.studies} of its studies`
          : `${b.studies} of the ${count(b.studies_reported)} studies ${b.review_id} reports`;
      const sure = b.unverified > 0 ? ` (${b.unverified} not verified as members)` : '';
      return `the data hold ${held}${sure}; over those the value is ${claimedText(rounded(result.computed), null, result.unit)}, which cannot confirm or refute a figure about the whole review`;
    }
    case 'match':
      return `recomputed ${claimedText(rounded(result.computed), null, result.unit)}, as the claim prints it${notes}`;
    case 'mismatch':
      return `the data give ${claimedText(rounded(result.computed), null, result.unit)}, the claim ${claimedText(result.claimed_value, result.claimed_high, result.unit)}${notes}`;
  }
}

/** The reason of a verdict in a few words, for a compact table (claimReason gives the sentence). */
export function claimReasonShort(result: ClaimResult): string {
  const b = result.basis;
  switch (b.kind) {
    case 'no-metric':
      return 'no metric measures this';
    case 'no-value':
      return 'the data give no value';
    case 'partial':
      return b.studies_reported === null
        ? `data hold ${b.studies} of its studies`
        : `data hold ${b.studies} of ${count(b.studies_reported)} studies`;
    case 'match':
      return 'equal as printed';
    case 'mismatch':
      return 'differs from the claim';
  }
}

/** Whole numbers as they are; others to two decimals (three significant digits below 1). */
function rounded(value: number | null): number | null {
  if (value === null || Number.isInteger(value)) return value;
  return Math.abs(value) >= 1 ? Number(value.toFixed(2)) : Number(value.toPrecision(3));
}
