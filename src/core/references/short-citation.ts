/**
 * Short citations for tables: "Vickers 2018, doi:10.1016/j.jpain.2017.11.005". A source text
 * names the row it supports; that row's study or review gives the first author, the year and the
 * DOI or PMID. Raw URLs never make it into a short citation.
 */
import type { Dataset, Row } from '../evidence/table.js';

const DOI = /\b(10\.\d{4,9}\/[^\s;,()]*[^\s;,().])/i;
const PMID = /\bPMID:?\s*(\d{4,9})\b/i;
const PMCID = /\b(PMC\d{4,9})\b/;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;

const text = (row: Row | undefined, field: string): string | null => {
  const v = row?.[field];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
};

/** "Vickers AJ, Vertosick EA" → "Vickers"; "Guerreiro da Silva JB, ..." → "Guerreiro da Silva". */
function firstAuthor(authors: string | null): string | null {
  const first = authors?.split(/[,;]/)[0]?.trim();
  if (!first) return null;
  const words = first.split(/\s+/);
  // The last word of a Vancouver name is the initials (upper case letters only).
  return words.length > 1 && /^[A-Z]{1,4}$/.test(words[words.length - 1] ?? '') ? words.slice(0, -1).join(' ') : first;
}

function identifier(doi: string | null, pmid: string | null, source: string): string | null {
  if (doi) return `doi:${doi}`;
  if (pmid) return `PMID ${pmid}`;
  const m = DOI.exec(source);
  if (m?.[1]) return `doi:${m[1]}`;
  const p = PMID.exec(source);
  if (p?.[1]) return `PMID ${p[1]}`;
  const pmc = PMCID.exec(source);
  return pmc?.[1] ?? null;
}

/** The text of a source without its URLs, up to its first clause. */
function plain(source: string): string {
  const stripped = source.replace(URL, '').replace(/\(\s*[;:]?\s*\)/g, '');
  const clause = stripped.split(/;|\s\(|:\s/)[0]?.trim() ?? '';
  return clause === '' ? 'source without an identifier' : clause;
}

/** `brief`: the first author and year alone when known (the DOI or PMID then waits for --long). */
export type Citer = (source: string, brief?: boolean) => string;

/** A function from a source text to its short citation, indexed once over the dataset. */
export function shortCitations(dataset: Dataset): Citer {
  const studies = new Map((dataset.studies?.rows ?? []).map((r) => [text(r, 'study_id'), r]));
  const reviews = new Map((dataset.reviews?.rows ?? []).map((r) => [text(r, 'review_id'), r]));
  const bySource = new Map<string, Row>();
  for (const table of Object.values(dataset)) {
    for (const row of table.rows) {
      const source = text(row, 'source');
      if (source === null || bySource.has(source)) continue;
      const study = studies.get(text(row, 'study_id'));
      const review = reviews.get(text(row, 'review_id'));
      const owner = table.name === 'reviews' ? row : table.name === 'studies' ? row : (study ?? review);
      if (owner) bySource.set(source, owner);
    }
  }
  return (source: string, brief = false) => {
    const owner = bySource.get(source);
    const author = firstAuthor(text(owner, 'authors'));
    const year = text(owner, 'year');
    const id = identifier(text(owner, 'doi'), text(owner, 'pmid'), source);
    const who = author && year ? `${author} ${year}` : (text(owner, 'short_name') ?? null);
    if (who && id) return brief ? who : `${who}, ${id}`;
    return who ?? id ?? plain(source);
  };
}
