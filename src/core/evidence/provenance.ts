/**
 * Provenance: can a reader follow each row to its publication? A row's `source` must name the
 * publication by a stable identifier (DOI, PMID or PMCID; a post or web page by its quoted title
 * and date) so that the citation survives the web page it was read on. Mirrors and secondary
 * copies belong in `seen_at`. Pure: findings are returned, the command decides warning or error.
 */
import type { Problem } from '../../errors.js';
import { fileAt, originAt, type Dataset, type LoadedTable, type Origin, type Row } from './table.js';

const DOI = /\b10\.\d{4,9}\/[^\s;,()]+/gi;
const PMID = /\bPMID:?\s*(\d{1,9})\b|pubmed\.ncbi\.nlm\.nih\.gov\/(\d{1,9})|ncbi\.nlm\.nih\.gov\/pubmed\/(\d{1,9})/gi;
const PMCID = /\bPMC\d{4,9}\b/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s;,)"']+|\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\/[^\s;,)"']*/gi;
/** A quoted title ('...', "..." or “...”) and a date with a year: how a post or web page is cited. */
const QUOTED_TITLE = /'[^']{8,}'|"[^"]{8,}"|“[^”]{8,}”/;
const YEAR = /\b(19|20)\d\d\b/;
/** Paths on someone's machine: no reader can open them. */
const LOCAL_PATH = /(^|[\s("'=])(?:file:\/\/|~\/|\/(?:home|work|Users|tmp|mnt|var|root|opt)\/|[A-Za-z]:\\)/;
/** A row that cannot cite an identifier says why in its note, after these words. */
export const EXCEPTION_MARK = 'no identifier:';

/**
 * Hosts that publish or index the publication itself (publishers, PubMed, PMC, Europe PMC, the
 * Cochrane Library, doi.org). Any other host is a mirror or secondary copy: a reprint, a
 * repository, a blog, a translation, a bare IP address.
 */
const PRIMARY_HOSTS: readonly string[] = [
  'doi.org',
  'pubmed.ncbi.nlm.nih.gov',
  'ncbi.nlm.nih.gov',
  'pmc.ncbi.nlm.nih.gov',
  'europepmc.org',
  'cochranelibrary.com',
  'onlinelibrary.wiley.com',
  'obgyn.onlinelibrary.wiley.com',
  'jamanetwork.com',
  'bmj.com',
  'aim.bmj.com',
  'journals.lww.com',
  'biomedcentral.com',
  'josr-online.biomedcentral.com',
  'bmccomplementmedtherapies.biomedcentral.com',
  'sciencedirect.com',
  'link.springer.com',
  'jpain.org',
  'ajog.org',
  'journals.plos.org',
  'plos.org',
  'hindawi.com',
  'academic.oup.com',
  'painmedicine.oxfordjournals.org',
  'search.pedro.org.au',
];

export interface Identifiers {
  doi: string[];
  pmid: string[];
  pmcid: string[];
}

/** The DOIs, PMIDs and PMCIDs a citation text names. */
export function identifiersIn(text: string): Identifiers {
  const doi = [...text.matchAll(DOI)].map((m) => m[0].replace(/[.]+$/, ''));
  const pmid = [...text.matchAll(PMID)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((s) => s !== '');
  const pmcid = [...text.matchAll(PMCID)].map((m) => m[0]);
  return { doi, pmid, pmcid };
}

export function hasIdentifier(text: string): boolean {
  const ids = identifiersIn(text);
  return ids.doi.length + ids.pmid.length + ids.pmcid.length > 0;
}

/** A post or web page cited as a publication: a quoted title and a date with a year. */
export function citesTitleAndDate(text: string): boolean {
  return QUOTED_TITLE.test(text) && YEAR.test(text);
}

export function urlsIn(text: string): string[] {
  return [...text.matchAll(URL)].map((m) => m[0]);
}

/** The host of a URL (or bare address), lower case, without www. */
export function hostOf(url: string): string {
  const withoutScheme = url.replace(/^https?:\/\//i, '');
  return (withoutScheme.split(/[/:?#]/)[0] ?? '').toLowerCase().replace(/^www\./, '');
}

export function isMirror(url: string): boolean {
  const host = hostOf(url);
  return !PRIMARY_HOSTS.some((primary) => host === primary || host.endsWith(`.${primary}`));
}

export function namesLocalPath(text: string): boolean {
  // Every form LOCAL_PATH knows has a slash or a backslash: most cells (ids, names) are ruled out
  // without running it (a million rows ran it a million times).
  return (text.includes('/') || text.includes('\\')) && LOCAL_PATH.test(text);
}

type FindingKind = 'no-identifier' | 'mirror-only' | 'mirror-in-source' | 'no-doi-pmid' | 'local-path' | 'no-source';

export interface Finding extends Problem {
  kind: FindingKind;
  /** The row's id (review_id, study_id, claim_id, ...), when it has one. */
  id: string | null;
  /** For an explained exception: the reason the row's note gives after EXCEPTION_MARK. */
  reason?: string;
}

export interface ProvenanceReport {
  /** Rows a reader cannot follow: warnings, or errors under --strict. */
  findings: Finding[];
  /** Rows that cite no identifier and say why in their note (EXCEPTION_MARK): listed, not failed. */
  exceptions: Finding[];
}

const ID_COLUMNS = ['claim_id', 'study_id', 'review_id'];

function idOf(row: Row): string | null {
  for (const name of ID_COLUMNS) {
    const v = row[name];
    if (typeof v === 'string') return v;
  }
  return null;
}

function text(row: Row, name: string): string {
  const v = row[name];
  return typeof v === 'string' ? v : '';
}

function place(origin: Origin, field: string): Omit<Problem, 'message'> {
  const column = origin.columns?.[field];
  return column === undefined
    ? { file: origin.file, line: origin.line, field }
    : { file: origin.file, line: origin.line, column, field };
}

/** The reason a note gives after EXCEPTION_MARK, or null. */
export function exceptionReason(note: string): string | null {
  const i = note.toLowerCase().indexOf(EXCEPTION_MARK);
  if (i < 0) return null;
  const reason = note.slice(i + EXCEPTION_MARK.length).trim();
  return reason === '' ? null : reason;
}

function tableFindings(table: LoadedTable): ProvenanceReport {
  const findings: Finding[] = [];
  const exceptions: Finding[] = [];
  const filesWithoutSource = new Map<string, number>();
  // Whether a file has a source column, asked once per file (every row of a file has its header).
  const sourceColumnOf = new Map<string, boolean>();
  // The file of the rows before, and whether it has a source column: a file's rows come together.
  let lastFile: string | undefined;
  let lastHasSource = false;
  // Rows of lastFile without a source column not yet added to filesWithoutSource.
  let uncounted = 0;
  const flush = () => {
    if (uncounted > 0 && lastFile !== undefined)
      filesWithoutSource.set(lastFile, (filesWithoutSource.get(lastFile) ?? 0) + uncounted);
    uncounted = 0;
  };
  table.rows.forEach((row, i) => {
    // The row's origin is made only for a finding: the table's array of origins (a million
    // objects for a million rows) is not made, and neither is an origin per row.
    const file = fileAt(table, i);
    if (file === undefined) return;
    let made: Origin | undefined;
    const origin = (): Origin => (made ??= originAt(table, i) as Origin);
    const add = (kind: FindingKind, field: string, message: string): void => {
      // The row's id and note are read only for a finding (most rows of a large file have none).
      const id = idOf(row);
      const reason = exceptionReason(text(row, 'note'));
      const finding = { ...place(origin(), field), kind, id, message };
      if (reason !== null && (kind === 'no-identifier' || kind === 'mirror-only' || kind === 'no-doi-pmid'))
        exceptions.push({ ...finding, reason });
      else findings.push(finding);
    };
    // for...in, not Object.entries: no array per row and cell (a row's own keys, in the same order).
    for (const name in row) {
      const cell = row[name];
      if (typeof cell === 'string' && namesLocalPath(cell))
        add('local-path', name, 'names a local file path, which no reader can open; cite the publication instead');
    }
    if (table.name === 'studies' || table.name === 'reviews') {
      // A typed row holds only its file's columns: an absent doi or pmid column is an empty one.
      if (
        (row['doi'] ?? null) === null &&
        (row['pmid'] ?? null) === null &&
        ('doi' in row || origin().columns !== undefined)
      )
        add('no-doi-pmid', 'doi', `${table.name === 'studies' ? 'study' : 'review'} has neither doi nor pmid`);
    }
    if (file !== lastFile) {
      flush();
      let known = sourceColumnOf.get(file);
      if (known === undefined) {
        const columns = origin().columns;
        known = columns === undefined || 'source' in columns;
        sourceColumnOf.set(file, known);
      }
      lastFile = file;
      lastHasSource = known;
    }
    if (!lastHasSource) {
      uncounted++;
      return;
    }
    const source = text(row, 'source');
    if (source === '') return; // the loader already reports an empty source
    const cited = hasIdentifier(source) || (table.name === 'claims' && citesTitleAndDate(source));
    const mirrors = urlsIn(source).filter(isMirror);
    if (!cited) {
      const urls = urlsIn(source);
      if (urls.length > 0 && mirrors.length === urls.length)
        add(
          'mirror-only',
          'source',
          `cites only a mirror or secondary copy (${mirrors.map(hostOf).join(', ')}); name the publication by DOI, PMID or PMCID and move the URL to seen_at`,
        );
      else add('no-identifier', 'source', 'names no DOI, PMID or PMCID of the publication');
    } else if (mirrors.length > 0) {
      add(
        'mirror-in-source',
        'source',
        `cites a mirror or secondary copy (${mirrors.map(hostOf).join(', ')}); move it to seen_at`,
      );
    }
  });
  flush();
  for (const [file, rows] of filesWithoutSource) {
    findings.push({
      file,
      kind: 'no-source',
      id: null,
      message: `has no source column: its ${rows} row${rows === 1 ? '' : 's'} cite${rows === 1 ? 's' : ''} no publication`,
    });
  }
  return { findings, exceptions };
}

/** Checks every loaded table. */
export function checkProvenance(dataset: Dataset): ProvenanceReport {
  const findings: Finding[] = [];
  const exceptions: Finding[] = [];
  for (const table of Object.values(dataset)) {
    const report = tableFindings(table);
    findings.push(...report.findings);
    exceptions.push(...report.exceptions);
  }
  return { findings, exceptions };
}
