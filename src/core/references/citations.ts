/** The references behind a selection: the reviews it names and its studies, each once. */
import type { Dataset, Row } from '../evidence/table.js';

export interface Reference {
  id: string;
  kind: 'review' | 'study';
  authors: string | null;
  title: string | null;
  journal: string | null;
  year: number | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  /** Bibliographic fields the data lacks. */
  missing: string[];
}

const REQUIRED = ['authors', 'title', 'journal', 'year'] as const;

function str(row: Row, field: string): string | null {
  const v = row[field];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

function reference(row: Row, kind: Reference['kind']): Reference {
  const id = str(row, kind === 'review' ? 'review_id' : 'study_id') ?? '?';
  const year = row['year'];
  const ref = {
    id,
    kind,
    authors: str(row, 'authors'),
    title: str(row, 'title'),
    journal: str(row, 'journal'),
    year: typeof year === 'number' ? year : null,
    volume: str(row, 'volume'),
    issue: str(row, 'issue'),
    pages: str(row, 'pages'),
    doi: str(row, 'doi'),
    pmid: str(row, 'pmid'),
  };
  return { ...ref, missing: REQUIRED.filter((f) => ref[f] === null) };
}

/** Reviews first (in the order given), then studies; a paper that is both (same DOI or PMID) appears once. */
export function referencesFor(dataset: Dataset, reviewIds: readonly string[], studies: readonly Row[]): Reference[] {
  const reviews = reviewIds
    .map((id) => dataset.reviews?.rows.find((r) => r['review_id'] === id))
    .filter((r): r is Row => r !== undefined)
    .map((r) => reference(r, 'review'));
  const seen = new Set<string>();
  const out: Reference[] = [];
  for (const ref of [...reviews, ...studies.map((s) => reference(s, 'study'))]) {
    const keys = [
      ref.doi && `doi:${ref.doi.toLowerCase()}`,
      ref.pmid && `pmid:${ref.pmid}`,
      `${ref.kind}:${ref.id}`,
    ].filter((k): k is string => Boolean(k));
    if (keys.some((k) => seen.has(k)) || (ref.kind === 'study' && out.some((o) => o.id === ref.id))) continue;
    keys.forEach((k) => seen.add(k));
    out.push(ref);
  }
  return out;
}
