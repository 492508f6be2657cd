/**
 * metafor's dat.bcg (Colditz et al. 1994, via metadat) as a researcher's CSVs: outcomes.csv with the
 * arm counts (and any extra columns asked for) and studies.csv with the year. The numbers are the
 * inputs recorded in tests/fixtures/metafor/issue17.json by issue17.R.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Bcg {
  mods_input: { ablat: number[]; year: number[]; alloc: string[]; trial: number[] };
  tables_sequential: { data: string; input: { ai: number[]; bi: number[]; ci: number[]; di: number[] } }[];
}

export const bcgFixture = JSON.parse(
  readFileSync(new URL('../fixtures/metafor/issue17.json', import.meta.url), 'utf8'),
) as Bcg;

/** Writes the CSVs to a fresh folder and returns it; `extra` maps a column name to one value per trial. */
export function bcgFolder(extra: Record<string, readonly (number | string)[]> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-bcg17-'));
  const t = bcgFixture.tables_sequential.find((c) => c.data === 'bcg')?.input;
  if (!t) throw new Error('issue17.json has no bcg tables');
  const { trial, year } = bcgFixture.mods_input;
  const names = Object.keys(extra);
  const outcomes = [['study_id', 'events_treatment', 'n_treatment', 'events_control', 'n_control', ...names].join(',')];
  const studies = ['study_id,year'];
  trial.forEach((id, i) => {
    const [a, b, c, d] = [t.ai[i], t.bi[i], t.ci[i], t.di[i]].map(Number) as [number, number, number, number];
    outcomes.push([`trial-${id}`, a, a + b, c, c + d, ...names.map((n) => String(extra[n]?.[i] ?? ''))].join(','));
    studies.push(`trial-${id},${year[i]}`);
  });
  writeFileSync(path.join(dir, 'outcomes.csv'), `${outcomes.join('\n')}\n`);
  writeFileSync(path.join(dir, 'studies.csv'), `${studies.join('\n')}\n`);
  return dir;
}
