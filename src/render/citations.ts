/** References as Vancouver-style Markdown and as BibTeX. */
import type { Reference } from '../core/references/citations.js';

const MAX_AUTHORS = 6;

/** "455-474" → "455-74", as Vancouver abbreviates page ranges. */
function vancouverPages(pages: string): string {
  const m = /^(\d+)\s*[-–]\s*(\d+)$/.exec(pages.trim());
  if (!m) return pages;
  const [from = '', to = ''] = [m[1], m[2]];
  if (to.length !== from.length) return `${from}-${to}`;
  let i = 0;
  while (i < to.length - 1 && from[i] === to[i]) i++;
  return `${from}-${to.slice(i)}`;
}

/** Up to six authors, then "et al." (the list may already end with it). */
function vancouverAuthors(authors: string): string {
  const names = authors
    .replace(/,?\s*et al\.?$/i, '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const etAl = names.length > MAX_AUTHORS || /et al\.?$/i.test(authors.trim());
  return `${names.slice(0, MAX_AUTHORS).join(', ')}${etAl ? ', et al' : ''}`;
}

const sentence = (text: string): string => (/[.?!]$/.test(text) ? text : `${text}.`);

export function vancouver(ref: Reference): string {
  const parts: string[] = [];
  if (ref.authors) parts.push(sentence(vancouverAuthors(ref.authors)));
  if (ref.title) parts.push(sentence(ref.title));
  if (ref.journal) parts.push(sentence(ref.journal));
  const issue = ref.issue ? `(${ref.issue})` : '';
  const where = `${ref.year ?? ''}${ref.volume ? `;${ref.volume}${issue}` : issue ? `;${issue}` : ''}${ref.pages ? `:${vancouverPages(ref.pages)}` : ''}`;
  if (where !== '') parts.push(sentence(where));
  if (ref.doi) parts.push(`doi: ${ref.doi}.`);
  if (ref.pmid) parts.push(`PMID: ${ref.pmid}.`);
  return parts.join(' ');
}

export function renderReferenceList(refs: readonly Reference[]): string {
  return refs.map((r, i) => `${i + 1}. ${vancouver(r)}`).join('\n') + (refs.length > 0 ? '\n' : '');
}

/** "Vickers AJ" → "Vickers, A. J."; a trailing "et al." becomes "and others". */
function bibtexAuthors(authors: string): string {
  const etAl = /et al\.?$/i.test(authors.trim());
  const names = authors
    .replace(/,?\s*et al\.?$/i, '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')
    .map((n) => {
      const m = /^(.*\S)\s+([A-Z]{1,4})$/.exec(n);
      return m ? `${m[1]}, ${[...(m[2] ?? '')].map((c) => `${c}.`).join(' ')}` : `{${n}}`;
    });
  return [...names, ...(etAl ? ['others'] : [])].join(' and ');
}

const braces = (text: string): string => text.replace(/[{}]/g, '');

function bibtex(ref: Reference): string {
  const fields: [string, string | null][] = [
    ['author', ref.authors ? bibtexAuthors(ref.authors) : null],
    ['title', ref.title ? `{${braces(ref.title)}}` : null],
    ['journal', ref.journal],
    ['year', ref.year === null ? null : String(ref.year)],
    ['volume', ref.volume],
    ['number', ref.issue],
    ['pages', ref.pages ? ref.pages.replace(/\s*[-–]\s*/, '--') : null],
    ['doi', ref.doi],
    ['pmid', ref.pmid],
  ];
  const body = fields.filter((f): f is [string, string] => f[1] !== null).map(([k, v]) => `  ${k} = {${v}}`);
  return `@article{${ref.id},\n${body.join(',\n')}\n}\n`;
}

export function renderBibtex(refs: readonly Reference[]): string {
  return refs.map(bibtex).join('\n');
}
