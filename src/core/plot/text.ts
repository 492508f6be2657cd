/** Fitting text into columns: wrapping at spaces, shortening with an ellipsis, never into ambiguity. */
import type { TextMeasure } from './scene.js';

/** Breaks text into lines no wider than `max` (a word longer than a line is broken inside). */
export function wrap(text: string, max: number, size: number, measure: TextMeasure, bold = false): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  const fits = (t: string) => measure.width(t, size, bold) <= max;
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    // A single word wider than the column is cut where it overflows.
    while (!fits(line) && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && !fits(line.slice(0, cut))) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** The first `maxLines` lines of the wrapped text, the last one ending in "…" when text was dropped. */
export function shorten(
  text: string,
  max: number,
  maxLines: number,
  size: number,
  measure: TextMeasure,
  bold = false,
): string[] {
  const lines = wrap(text, max, size, measure, bold);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  while (last.length > 0 && measure.width(`${last}…`, size, bold) > max) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/**
 * Labels fitted to a column of width `max`: wrapped to at most `maxLines` lines, and where two
 * shortened labels would read the same, both are shown whole (wrapped on as many lines as needed).
 */
export function fitLabels(
  labels: readonly string[],
  max: number,
  maxLines: number,
  size: number,
  measure: TextMeasure,
): string[][] {
  const short = labels.map((l) => shorten(l, max, maxLines, size, measure));
  const seen = new Map<string, number>();
  short.forEach((lines) => seen.set(lines.join(' '), (seen.get(lines.join(' ')) ?? 0) + 1));
  return short.map((lines, i) => {
    const label = labels[i] ?? '';
    const shortened = lines.join(' ') !== label.split(/\s+/).join(' ');
    return shortened && (seen.get(lines.join(' ')) ?? 0) > 1 ? wrap(label, max, size, measure) : lines;
  });
}
