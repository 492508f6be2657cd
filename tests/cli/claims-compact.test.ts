import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('claims: a compact table with short citations', () => {
  it('prints verdicts and short citations, never a raw URL', async () => {
    const out = await runCli(['claims']);
    expect(out.code).toBe(0);
    expect(out.stdout).not.toMatch(/https?:\/\/|www\./);
    // vickers-2018's row in data/reviews.csv: authors "Vickers AJ, ...", year 2018.
    expect(out.stdout).toMatch(
      /│ vickers-patients +│ supported +│ 20,827 +│ 20,827 +│ equal as printed +│ Vickers 2018 +│/,
    );
    // Ten studies behind a claim: two named, the rest counted.
    expect(out.stdout).toContain('+8 more (--long)');
    // 25 claims, one line each unless a cell wraps; the old table ran to hundreds of lines.
    expect(out.stdout.split('\n').length).toBeLessThan(80);
  });

  it('--long adds the claim text, the whole reason and every source with its DOI or PMID', async () => {
    const out = await runCli(['claims', '--long', '--where', 'claim_id=vickers-patients,vickers-lbp-trials']);
    expect(out.stdout).toContain('Vickers et al examined 20,827 patients over 39 trials');
    expect(out.stdout).toContain('Vickers 2018, doi:10.1016/j.jpain.2017.11.005');
    expect(out.stdout).toContain('Brinkhaus 2006, PMID 16505266');
    expect(out.stdout).toContain('which cannot confirm or refute a figure about the whole review');
    expect(out.stdout).not.toMatch(/https?:\/\/|www\./);
  });

  it('gives scripts the long form', async () => {
    const csv = await runCli(['claims', '--format', 'csv', '--where', 'claim_id=vickers-patients']);
    expect(csv.stdout.split('\n')[0]).toBe('claim_id,verdict,claimed,computed,text,reason,sources');
  });
});
