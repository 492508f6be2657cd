/** The sentences printed on stderr beside a result: coverage and caveats, with numbers formatted for people. */
import type { Coverage } from '../core/coverage.js';
import { formatCell } from './format.js';

const count = (n: number): string => formatCell(n, { key: 'n', kind: 'integer' }, 'human');
const percent = (f: number | null): string => (f === null ? '' : ` (${formatCell(f, { key: 'p', kind: 'percent' }, 'human')})`);

/** "vickers-2018: 10 of the 39 studies it reports are in the data (0 verified, 4 inferred, 6 candidate), ..." */
export function coverageNote(c: Coverage): string {
  const studies =
    c.studies_reported === null
      ? `${count(c.studies)} of its studies ${c.studies === 1 ? 'is' : 'are'} in the data (the review gives no total)`
      : `${count(c.studies)} of the ${count(c.studies_reported)} studies it reports are in the data${percent(c.study_share)}`;
  const membership = `${c.verified} verified, ${c.inferred} inferred, ${c.candidate} candidate`;
  const patients =
    c.participants_reported === null
      ? `${count(c.patients)} patients randomised (the review gives no total)`
      : `${count(c.patients)} of its ${count(c.participants_reported)} patients${percent(c.patient_share)}`;
  const missing = c.studies_without_n > 0 ? `; ${c.studies_without_n} ${c.studies_without_n === 1 ? 'gives' : 'give'} no n_randomised` : '';
  return `${c.review_id}: ${studies} [${membership}], with ${patients}${missing}.`;
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
