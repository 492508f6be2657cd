/**
 * Every review of reviews.csv has a row in `summary` and `patients`, even with no bundled study rows.
 * Expected values: reviews.csv's own totals for Ji 2015 ("12 studies (involving 1842 participants)",
 * PMID 26425130 abstract) and Park 2014 (105 studies, 2,460 patients); the counts of bundled studies
 * are read off data/review-studies.csv (no row names ji-2015, park-2014 or macpherson-2014).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i] ?? '', v])));
}

async function rowsOf(argv: string[]): Promise<Record<string, string>[]> {
  const { code, stdout, stderr } = await runCli([...argv, '--format', 'csv', '--totals', '-q']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return csvRows(stdout);
}

describe('every review is visible', () => {
  it('summary lists ji-2015 with 12 studies and 1,842 patients reported, 0 in the data', async () => {
    const rows = await rowsOf(['summary']);
    const ji = rows.find((r) => r['group'] === 'ji-2015');
    expect(ji).toMatchObject({ studies: '0', reported_studies: '12', patients: '0', reported_patients: '1842' });
    // Every review of reviews.csv, in order, then the studies in no review.
    expect(rows.map((r) => r['group'])).toEqual([
      'clarkson-2015',
      'ji-2015',
      'liddle-2015',
      'macpherson-2014',
      'macpherson-2017',
      'mu-2020',
      'park-2014',
      'pennick-2013',
      'soliday-2018',
      'vickers-2012',
      'vickers-2018',
      '(none)',
      'total',
    ]);
  });

  it('patients lists every review too; the empty ones add nothing to the total', async () => {
    const rows = await rowsOf(['patients']);
    expect(rows.find((r) => r['group'] === 'park-2014')).toMatchObject({
      studies: '0',
      reported_studies: '105',
      reported_patients: '2460',
    });
    expect(rows.find((r) => r['group'] === 'total')).toMatchObject({ studies: '20' });
  });

  it('says "0 in the data" for a review none of whose studies is bundled', async () => {
    const { stderr } = await runCli(['patients', '--where', 'review=ji-2015']);
    expect(stderr).toContain('ji-2015: 0 in the data (it reports 12 studies and 1,842 participants)');
  });

  it('--where on such a review gives its row, not an empty table', async () => {
    for (const where of ['review=ji-2015', 'review_verified=ji-2015', 'condition=sciatica']) {
      for (const command of ['summary', 'patients']) {
        const rows = await rowsOf([command, '--where', where]);
        expect(rows.map((r) => r['group'])).toEqual(['ji-2015', 'total']);
        expect(rows[0]).toMatchObject({ studies: '0', reported_studies: '12', reported_patients: '1842' });
      }
    }
  });

  it('a review whose studies are filtered out shows 0 in the selection, and how many it has in the data', async () => {
    // vickers-2018 covers neck pain, but all its bundled studies are of low back pain.
    const { stdout, stderr } = await runCli([
      'patients',
      '--where',
      'review=vickers-2018',
      '--where',
      'condition=neck-pain',
      '--format',
      'csv',
      '--totals',
    ]);
    expect(csvRows(stdout).map((r) => r['group'])).toEqual(['vickers-2018', 'total']);
    expect(stderr).toContain(
      'vickers-2018: 0 in the selection (it reports 39 studies and 20,827 participants); 10 of its studies are in the data.',
    );
  });

  it('a condition a review row cannot answer (year) adds no empty review', async () => {
    const rows = await rowsOf(['patients', '--where', 'year>=2030']);
    expect(rows.map((r) => r['group'])).toEqual(['all']);
  });

  it('grouping by another field adds no review rows', async () => {
    const rows = await rowsOf(['patients', '--group-by', 'condition']);
    expect(rows.some((r) => r['group'] === 'ji-2015')).toBe(false);
  });
});
