/**
 * Repeated problems of one kind are capped: the first few are listed, the rest counted in one
 * line, so that a million bad rows (or a 10,000-column header) give a readable report.
 */
import type { Problem } from '../errors.js';

const SHOWN_PER_KIND = 20;

/** A problem's kind: its file, field and message with the quoted and numeric parts taken out. */
function kindOf(p: Problem): string {
  const template = p.message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+(\.\d+)?/g, '#')
    .slice(0, 200);
  return `${p.file}\u0000${p.field ?? ''}\u0000${template}`;
}

export function capProblems(problems: readonly Problem[], shown = SHOWN_PER_KIND): Problem[] {
  const counts = new Map<string, { first: Problem; count: number }>();
  const out: Problem[] = [];
  for (const p of problems) {
    const kind = kindOf(p);
    const seen = counts.get(kind);
    if (!seen) counts.set(kind, { first: p, count: 1 });
    else seen.count++;
    if ((seen?.count ?? 1) <= shown) out.push(p);
  }
  for (const { first, count } of counts.values()) {
    if (count <= shown) continue;
    const more = count - shown;
    const field = first.field ? `${first.field}: ` : '';
    out.push({
      file: first.file,
      count: more,
      message: `…and ${more} more problem${more === 1 ? '' : 's'} like "${field}${first.message.slice(0, 120)}"`,
    });
  }
  return out;
}
