/**
 * validate reports provenance: warnings by default, errors (exit 1) with --strict; the bundled data
 * passes --strict. Fixture rows are invented (tests/fixtures/provenance/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { namesLocalPath } from '../../src/core/evidence/provenance.js';
import { runCli, REPO } from '../helpers/run-cli.js';

const FIXTURE = 'tests/fixtures/provenance';
const WARNINGS = [
  `${FIXTURE}/studies.csv:3:43: warning: source: cites only a mirror or secondary copy (yumpu.com); name the publication by DOI, PMID or PMCID and move the URL to seen_at`,
  `${FIXTURE}/studies.csv:4:26: warning: doi: study has neither doi nor pmid`,
  `${FIXTURE}/studies.csv:4:31: warning: source: names no DOI, PMID or PMCID of the publication`,
  `${FIXTURE}/studies.csv:6:26: warning: doi: study has neither doi nor pmid`,
  `${FIXTURE}/studies.csv:6:31: warning: source: cites a mirror or secondary copy (47.251.13.51); move it to seen_at`,
  `${FIXTURE}/claims.csv:3:110: warning: source: names a local file path, which no reader can open; cite the publication instead`,
];

describe('validate: provenance', () => {
  it('the bundled data passes --strict: every row cites an identifier or is a listed, explained exception', async () => {
    const { code, stderr } = await runCli(['validate', '--strict']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^ok: 8 files, \d+ rows, no problems\./);
    // The seven studies whose DOI and PMID could not be found are listed with the reason.
    for (const id of [
      'witt-2006',
      'molsberger-2002',
      'kerr-2003',
      'kvorning-2004',
      'wedenberg-2000',
      'guerreiro-da-silva-2004',
      'ternov-2001',
    ])
      expect(stderr).toMatch(new RegExp(`data/studies\\.csv:\\d+ ${id}: study has neither doi nor pmid`));
  });

  it('no cell of the bundled data names a local file path', () => {
    for (const file of readdirSync(`${REPO}/data`).filter((f) => f.endsWith('.csv'))) {
      const lines = readFileSync(`${REPO}/data/${file}`, 'utf8').split('\n');
      const bad = lines.map((l, i) => [i + 1, l] as const).filter(([, l]) => namesLocalPath(l));
      expect(bad.map(([n]) => `${file}:${n}`)).toEqual([]);
    }
  });

  it('claims cite the post by title, author and date, with the paragraph', async () => {
    const { stdout } = await runCli(['claims', '--format', 'json', '-q']);
    expect(stdout).not.toContain('/work/');
    const csv = readFileSync(`${REPO}/data/claims.csv`, 'utf8');
    const rows = csv.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row).toContain(
        "'Can acupuncture help back pain?', blog post by Andrea (updated 8 January 2022): section '",
      );
  });

  it('warns, one line per problem, and exits 0 without --strict', async () => {
    const { code, stderr } = await runCli(['validate', '--data', FIXTURE]);
    expect(code).toBe(0);
    const lines = stderr.split('\n');
    expect(lines[0]).toBe('ok: 2 files, 7 rows load; 6 provenance warnings (errors with --strict):');
    expect(lines.slice(1, 7)).toEqual(WARNINGS);
    expect(stderr).toContain(
      `${FIXTURE}/studies.csv:5 excused-2004: study has neither doi nor pmid; names no DOI, PMID or PMCID of the publication. Note: the only page found prints no DOI or PMID.`,
    );
  });

  it('--strict makes them errors: exit 1, listed even with --quiet', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '--strict', '--quiet', '--data', FIXTURE]);
    expect(code).toBe(1);
    expect(stdout).toContain('review_id');
    expect(stderr.trim().split('\n')).toEqual([
      ...WARNINGS.map((w) => w.replace(': warning: ', ': error: ')),
      '6 provenance problems (--strict).',
    ]);
  });

  it('--json carries the findings and the exceptions', async () => {
    const { stdout } = await runCli(['validate', '--json', '-q', '--data', FIXTURE]);
    const result = (JSON.parse(stdout) as { result: unknown }).result as {
      provenance: { findings: { kind: string; id: string }[]; exceptions: { kind: string; id: string }[] };
    };
    expect(result.provenance.findings.map((f) => `${f.id}:${f.kind}`)).toEqual([
      'mirror-2002:mirror-only',
      'bare-2003:no-doi-pmid',
      'bare-2003:no-identifier',
      'copy-2005:no-doi-pmid',
      'copy-2005:mirror-in-source',
      'post-path:local-path',
    ]);
    expect(result.provenance.exceptions.map((f) => `${f.id}:${f.kind}`)).toEqual([
      'excused-2004:no-doi-pmid',
      'excused-2004:no-identifier',
    ]);
  });
});
