/**
 * What a meta-analysis compares, what it pools and which direction favours acupuncture, in words
 * for people who read the printout: the data has no "higher is better" column, so the direction is
 * said only when the user says it (--better) or the measure has no comparison arm at all.
 */
import type { MetaResult } from '../core/meta/analysis.js';
import type { Row } from '../core/evidence/table.js';
import { treatmentName } from '../core/meta/treatment-name.js';
import { escapeMarkdownText } from './markdown.js';

export interface MetaReading {
  /** The rows that entered the model. */
  rows: readonly Row[];
  /** Which values favour acupuncture, as plot forest --better. */
  better?: 'higher' | 'lower';
}

const READ = ['comparison', 'outcome', 'event', 'arm_treatment', 'acupuncture_arm'] as const;

/**
 * The rows a reading needs: the first of each distinct combination of the fields it reads, in row
 * order. The reading of these is that of all the rows (each value first occurs in a row kept), and
 * the million rows of a large file need not stay alive while its printout is written.
 */
export function readingRows(rows: readonly Row[]): Row[] {
  const kept: Row[] = [];
  const seen = new Set<string>();
  let last: Row | undefined;
  for (const row of rows) {
    if (last !== undefined && READ.every((f) => row[f] === last?.[f])) continue;
    last = row;
    const key = JSON.stringify(READ.map((f) => row[f] ?? null));
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(row);
  }
  return kept;
}

/** One group per study: nothing is compared, so no side is favoured. */
const PROPORTIONS = new Set(['PLO', 'PR', 'PFT', 'PAS']);
const SINGLE_GROUP = new Set(['MN', 'MNLN', 'SMCR', 'SMCC', 'COR', 'ZCOR']);
const RATIOS = new Set(['RR', 'OR', 'IRR', 'ROM']);

/** The distinct values of a text field among the rows, in row order. */
function distinct(rows: readonly Row[], field: string): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = row[field];
    if (typeof value === 'string' && value.trim() !== '') seen.add(value.trim());
  }
  return [...seen];
}

function named(label: string, values: readonly string[], plural: string): string | null {
  if (values.length === 0) return null;
  if (values.length === 1) return `${label}: ${values[0]}.`;
  return `${label}: ${values.length} different ${plural} mixed (${values.join('; ')}).`;
}

/** The sentences, as plain text (escape for Markdown with `markdown: true`). */
export function readingLines(result: MetaResult, reading: MetaReading, markdown: boolean): string[] {
  const text = (values: string[]) => (markdown ? values.map(escapeMarkdownText) : values);
  const out = [
    named('Comparison', text(distinct(reading.rows, 'comparison')), 'comparisons'),
    named('Outcome', text(distinct(reading.rows, 'outcome')), 'outcomes'),
    named('Event', text(distinct(reading.rows, 'event')), 'events'),
  ].filter((l): l is string => l !== null);
  const name = treatmentName(reading.rows);
  out.push(
    direction(result, reading.better, name === null ? 'the treatment arm' : markdown ? escapeMarkdownText(name) : name),
  );
  return out;
}

function direction(result: MetaResult, better: 'higher' | 'lower' | undefined, treatment: string): string {
  if (PROPORTIONS.has(result.measure))
    return `Direction: one proportion per study (patients with the event among those treated), with no control arm: it says how often, not whether ${treatment} does better than a control.`;
  if (SINGLE_GROUP.has(result.measure))
    return `Direction: each study gives one group, with no comparison arm, so no value favours ${treatment} over a control.`;
  const line = RATIOS.has(result.measure) ? 'a ratio' : 'a difference';
  const nul = RATIOS.has(result.measure) ? '1' : '0';
  if (better === undefined)
    return `Direction: the data does not say whether a higher value is better (${treatment} compared with the control, ${line} of ${nul} is no difference); say which with --better higher or --better lower.`;
  const side = better === 'higher' ? 'above' : 'below';
  return `Direction: ${line} ${side} ${nul} favours ${treatment} (higher values are ${better === 'higher' ? 'better' : 'worse'}).`;
}
