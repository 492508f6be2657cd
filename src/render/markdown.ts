import { cellText, isNumeric } from './format.js';
import type { Report } from './report.js';

const MAX_PADDED = 40;

// [label](target "title"), the target with at most one level of balanced parentheses, as CommonMark allows.
const LINK = /(!?)\[([^\][]*)\]\(\s*((?:[^()\s]|\([^()\s]*\))*)(?:\s+[^()]*)?\)/g;
const SAFE_TARGET = /^(https?:\/\/|mailto:)/i;

function escapeInline(text: string): string {
  return text
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\](?=[([:])/g, '\\]');
}

/**
 * Data as Markdown text that stays text: HTML (and with it the tool's own markers) is escaped, a
 * link keeps its target only when it is http(s) or mailto, images become links, a bracket that
 * would close another link is escaped so no link or reference can form, and one line stays one line.
 */
export function escapeMarkdownText(text: string): string {
  const source = text.replace(/\\/g, '\\\\').replace(/\r?\n/g, ' ');
  let out = '';
  let last = 0;
  for (const m of source.matchAll(LINK)) {
    const [whole, , label = '', target = ''] = m;
    out += escapeInline(source.slice(last, m.index));
    out += SAFE_TARGET.test(target)
      ? `[${escapeInline(label)}](${encodeURI(decodeSafe(target))})`
      : escapeInline(label);
    last = m.index + whole.length;
  }
  return (out + escapeInline(source.slice(last))).replace(/\|/g, '\\|');
}

function decodeSafe(target: string): string {
  try {
    return decodeURI(target);
  } catch {
    return target;
  }
}

const escape = escapeMarkdownText;

/** A GitHub-flavoured Markdown table, padded so that diffs stay readable; numbers right-aligned. */
export function renderMarkdown(report: Report): string {
  const header = report.columns.map((c) => escape(c.header ?? c.key));
  const body = [...report.rows, ...(report.total ? [report.total] : [])].map((row, i, all) =>
    report.columns.map((c, j) => {
      const text = escape(cellText(row, c, 'human'));
      const isTotal = report.total !== undefined && i === all.length - 1;
      return isTotal && text !== '' && j === 0 ? `**${text}**` : text;
    }),
  );
  // Long prose cells are not padded: one long description would widen every row.
  const widths = header.map((h, j) =>
    Math.min(
      MAX_PADDED,
      body.reduce((m, r) => Math.max(m, (r[j] ?? '').length), Math.max(3, h.length)),
    ),
  );
  const pad = (text: string, j: number): string => {
    const width = widths[j] ?? 3;
    const column = report.columns[j];
    return column && isNumeric(column) ? text.padStart(width) : text.padEnd(width);
  };
  const line = (cells: readonly string[]): string => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${report.columns
    .map((c, j) => {
      const width = widths[j] ?? 3;
      return isNumeric(c) ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width);
    })
    .join(' | ')} |`;
  return `${[line(header), rule, ...body.map(line)].join('\n')}\n`;
}
