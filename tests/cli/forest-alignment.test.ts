// The terminal forest plot of metafor's dat.bcg (log risk ratios and Wald CIs from
// tests/fixtures/metafor/reference.json, made by reference.R): whiskers, squares, the line of no
// effect, ticks and tick labels must stand in the same columns, within 80 columns.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

interface Escalc {
  input: { trial: number[]; tpos: number[]; tneg: number[]; cpos: number[]; cneg: number[] };
  yi: number[];
  ci_lb: number[];
  ci_ub: number[];
}
const reference = JSON.parse(
  readFileSync(new URL('../fixtures/metafor/reference.json', import.meta.url), 'utf8'),
) as Record<string, Escalc>;
const bcg = reference['bcg_RR_escalc'] as Escalc;

function bcgDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-forest-'));
  const { trial, tpos, tneg, cpos, cneg } = bcg.input;
  const lines = ['study_id,events_treatment,n_treatment,events_control,n_control'];
  trial.forEach((t, i) => {
    const [a, b, c, d] = [tpos[i] ?? 0, tneg[i] ?? 0, cpos[i] ?? 0, cneg[i] ?? 0];
    lines.push(`trial-${t},${a},${a + b},${c},${c + d}`);
  });
  writeFileSync(path.join(dir, 'outcomes.csv'), `${lines.join('\n')}\n`);
  return dir;
}

describe('forest plot in the terminal', () => {
  it('aligns whiskers, squares, ticks and labels on dat.bcg at 80 columns', async () => {
    const out = await runCli(['meta', '--data', bcgDir(), '--measure', 'RR', '--no-color'], { columns: 80 });
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);

    const rule = lines.find((l) => /^ +┬[─┬]+┬$/.test(l)) ?? '';
    const plotStart = rule.indexOf('┬');
    const plotWidth = rule.length - plotStart;
    expect(plotStart).toBeGreaterThan(0);
    const tickColumns = [...rule].flatMap((ch, i) => (ch === '┬' ? [i] : []));
    expect(tickColumns).toHaveLength(3);
    const [left, nullTick, right] = tickColumns as [number, number, number];
    expect(left).toBe(plotStart);
    expect(right).toBe(rule.length - 1);

    // Axis ends: the lowest and highest Wald bound of any study (trial 3 and trial 12), as risk ratios.
    const lo = Math.min(...bcg.ci_lb);
    const hi = Math.max(...bcg.ci_ub);
    expect(Math.exp(lo).toFixed(2)).toBe('0.07');
    expect(Math.exp(hi).toFixed(2)).toBe('6.53');
    const labels = lines[lines.indexOf(rule) + 1] ?? '';
    // The line of no effect: RR 1 (log 0) on the same linear scale.
    expect(nullTick - plotStart).toBe(Math.round(((0 - lo) / (hi - lo)) * (plotWidth - 1)));
    const one = labels.indexOf('1.00');
    expect(one + 1).toBe(nullTick); // "1.00" is centred on its tick (4 characters: tick under the 2nd)
    expect(labels).toContain('0.07');
    expect(labels.trimEnd().endsWith('6.53')).toBe(true);
    expect(labels.trimEnd().length - 1).toBe(right);

    // The study rows: the separator starts at the plot; each square at its yi; the null line in one column.
    const separator = lines.find((l) => /^ +─+$/.test(l)) ?? '';
    expect(separator.indexOf('─')).toBe(plotStart);
    expect(separator.length).toBe(rule.length);
    bcg.input.trial.forEach((t, i) => {
      const row = lines.find((l) => l.startsWith(`trial-${t} `)) ?? '';
      const yi = bcg.yi[i] ?? 0;
      expect(row.indexOf('■') - plotStart).toBe(Math.round(((yi - lo) / (hi - lo)) * (plotWidth - 1)));
      const whiskerStart = row.slice(plotStart).search(/[─■┼]/) + plotStart;
      expect(whiskerStart - plotStart).toBe(Math.round((((bcg.ci_lb[i] ?? 0) - lo) / (hi - lo)) * (plotWidth - 1)));
      const nullCell = row[nullTick];
      expect(['│', '┼', '■', '─']).toContain(nullCell);
      if (nullCell === '│' || nullCell === '┼') expect(row.indexOf(nullCell)).toBe(nullTick);
    });
    const trial3 = lines.find((l) => l.startsWith('trial-3 ')) ?? '';
    expect(trial3.slice(plotStart).search(/[─■]/)).toBe(0);
    const trial12 = lines.find((l) => l.startsWith('trial-12 ')) ?? '';
    expect(trial12.length - 1).toBe(right);
  });
});
