/** The provenance checks of validate, on hand-made citation strings (expected values read off the strings). */
import { describe, expect, it } from 'vitest';
import {
  checkProvenance,
  citesTitleAndDate,
  exceptionReason,
  hasIdentifier,
  hostOf,
  identifiersIn,
  isMirror,
  namesLocalPath,
  urlsIn,
} from '../../src/core/evidence/provenance.js';
import type { Dataset, Row } from '../../src/core/evidence/table.js';

describe('identifiersIn', () => {
  it('finds DOIs, PMIDs and PMCIDs as the data writes them', () => {
    expect(identifiersIn('doi:10.1016/j.jpain.2017.11.005; PMID 29198932; PMC5927830 Table 4')).toEqual({
      doi: ['10.1016/j.jpain.2017.11.005'],
      pmid: ['29198932'],
      pmcid: ['PMC5927830'],
    });
    expect(identifiersIn('abstract (https://pubmed.ncbi.nlm.nih.gov/29482798/)').pmid).toEqual(['29482798']);
    expect(identifiersIn('https://www.ncbi.nlm.nih.gov/pubmed/16521674').pmid).toEqual(['16521674']);
    expect(identifiersIn('PMID: 123').pmid).toEqual(['123']);
    // A DOI inside a journal URL counts: the URL names the publication.
    expect(
      identifiersIn('https://josr-online.biomedcentral.com/articles/10.1186/s13018-022-03212-3/tables/1').doi,
    ).toEqual(['10.1186/s13018-022-03212-3/tables/1']);
  });

  it('does not take words about identifiers for identifiers', () => {
    expect(hasIdentifier('Acta Obstet Gynecol Scand 2004;83(3):246-250, abstract (no DOI or PMID found)')).toBe(false);
    expect(hasIdentifier('Positive Health, Issue 89')).toBe(false);
  });
});

describe('mirrors', () => {
  it('tells the publication and its indexes from copies', () => {
    expect(hostOf('http://47.251.13.51:8081/17893311')).toBe('47.251.13.51');
    expect(hostOf('https://www.yumpu.com/en/document/view/9039044')).toBe('yumpu.com');
    expect(isMirror('http://47.251.13.51:8081/17893311')).toBe(true);
    expect(isMirror('https://yumpu.com/en/document/view/9039044/x/5')).toBe(true);
    expect(isMirror('https://th4.ilovetranslation.com/pRQCXXjuszl=d')).toBe(true);
    expect(isMirror('https://pmc.ncbi.nlm.nih.gov/articles/PMC5927830/table/T7')).toBe(false);
    expect(isMirror('https://www.bmj.com/content/333/7569/623')).toBe(false);
    expect(isMirror('https://cochranelibrary.com/cdsr/doi/10.1002/14651858.CD001139.pub4/references/ta')).toBe(false);
    // A look-alike host is not the Cochrane Library.
    expect(isMirror('http://cochranelibrary-wiley.com/es/cdsr/doi/10.1002/x')).toBe(true);
  });

  it('reads URLs and bare addresses out of a citation', () => {
    expect(urlsIn('PMID 1 abstract (http://47.251.13.51:8081/1 ; https://a.example/x); www.b.example/y')).toEqual([
      'http://47.251.13.51:8081/1',
      'https://a.example/x',
      'www.b.example/y',
    ]);
  });
});

describe('posts, paths and explained exceptions', () => {
  it('cites a post by its quoted title and a date', () => {
    expect(citesTitleAndDate("'Can acupuncture help back pain?', blog post by Andrea (updated 8 January 2022)")).toBe(
      true,
    );
    expect(citesTitleAndDate("'Can acupuncture help back pain?', blog post")).toBe(false);
    expect(citesTitleAndDate('blog post of 2022')).toBe(false);
  });

  it('finds paths on a machine, not URLs or file names', () => {
    expect(namesLocalPath('paragraph 2 (/work/shared/seed-blog.txt)')).toBe(true);
    expect(namesLocalPath('C:\\Users\\me\\post.txt')).toBe(true);
    expect(namesLocalPath('file:///tmp/x.html')).toBe(true);
    expect(namesLocalPath('https://example.org/home/user/page')).toBe(false);
    expect(namesLocalPath('the breakdown is in data/README.md')).toBe(false);
  });

  it('reads the reason a note gives after "no identifier:"', () => {
    expect(exceptionReason('Trial of 60. No identifier: only a reprint was seen.')).toBe('only a reprint was seen.');
    expect(exceptionReason('no identifier:')).toBeNull();
    expect(exceptionReason('PMID not seen')).toBeNull();
  });
});

function table(name: 'studies' | 'claims', rows: Row[], header: string[]): Dataset {
  return {
    [name]: {
      name,
      columns: header,
      rows,
      origins: rows.map((_, i) => ({
        file: `${name}.csv`,
        line: i + 2,
        columns: Object.fromEntries(header.map((h, j) => [h, j + 1])),
      })),
      files: [`${name}.csv`],
    },
  };
}

describe('checkProvenance', () => {
  const header = ['study_id', 'doi', 'pmid', 'source', 'seen_at', 'note'];
  const row = (id: string, source: string, extra: Record<string, string | null> = {}): Row => ({
    study_id: id,
    doi: null,
    pmid: '1',
    source,
    seen_at: null,
    note: null,
    ...extra,
  });

  it('passes a row that cites an identifier and keeps its mirror in seen_at', () => {
    const dataset = table('studies', [row('a', 'PMID 1 abstract', { seen_at: 'http://47.251.13.51:8081/1' })], header);
    expect(checkProvenance(dataset)).toEqual({ findings: [], exceptions: [] });
  });

  it('names each kind of problem with file, line and column', () => {
    const dataset = table(
      'studies',
      [
        row('mirror', 'Abstract: https://yumpu.com/x'),
        row('bare', 'J Invented 2003;1:1 abstract'),
        row('copy', 'PMID 1 abstract (http://47.251.13.51:8081/1)'),
        row('none', 'PMID 2 abstract', { pmid: null }),
      ],
      header,
    );
    const { findings } = checkProvenance(dataset);
    expect(findings.map((f) => [f.line, f.column, f.kind, f.id])).toEqual([
      [2, 4, 'mirror-only', 'mirror'],
      [3, 4, 'no-identifier', 'bare'],
      [4, 4, 'mirror-in-source', 'copy'],
      [5, 2, 'no-doi-pmid', 'none'],
    ]);
  });

  it('lists a row whose note explains the missing identifier as an exception, not a problem', () => {
    const note = 'no identifier: no page prints one.';
    const dataset = table('studies', [row('x', 'J Invented 2004;2:3 abstract', { pmid: null, note })], header);
    const { findings, exceptions } = checkProvenance(dataset);
    expect(findings).toEqual([]);
    expect(exceptions.map((e) => [e.kind, e.reason])).toEqual([
      ['no-doi-pmid', 'no page prints one.'],
      ['no-identifier', 'no page prints one.'],
    ]);
  });

  it('does not excuse a mirror in the source or a local path, whatever the note says', () => {
    const note = 'no identifier: none found.';
    const dataset = table(
      'studies',
      [row('x', 'PMID 1 (http://47.251.13.51:8081/1) (/home/me/notes.md)', { note })],
      header,
    );
    expect(checkProvenance(dataset).findings.map((f) => f.kind)).toEqual(['local-path', 'mirror-in-source']);
  });

  it('accepts a claim that cites its post by title and date', () => {
    const h = ['claim_id', 'source'];
    const ok = table('claims', [{ claim_id: 'c', source: "'An invented post' by B (1 May 2020), paragraph 2" }], h);
    expect(checkProvenance(ok).findings).toEqual([]);
    const untitled = table('claims', [{ claim_id: 'c', source: 'seed blog post, paragraph 2' }], h);
    expect(checkProvenance(untitled).findings.map((f) => f.kind)).toEqual(['no-identifier']);
  });

  it('reports a file without a source column once', () => {
    const h = ['study_id', 'doi', 'pmid'];
    const dataset = table(
      'studies',
      [
        { study_id: 'a', doi: '10.1/x', pmid: null },
        { study_id: 'b', doi: '10.1/y', pmid: null },
      ],
      h,
    );
    expect(checkProvenance(dataset).findings).toEqual([
      {
        file: 'studies.csv',
        kind: 'no-source',
        id: null,
        message: 'has no source column: its 2 rows cite no publication',
      },
    ]);
  });
});
