import { describe, expect, it } from 'vitest';
import { armEvents, armEventsOf, decimalsOfText, printedDecimals } from '../../src/core/evidence/derive.js';
import { typeFile } from '../../src/core/evidence/validate.js';
import { parseCsv } from '../../src/io/csv.js';

describe('armEvents', () => {
  it('keeps a printed count', () => {
    expect(armEvents(16, 34, null)).toEqual({ events: 16, derived: false });
  });

  it('derives the one count that rounds to the printed percentage', () => {
    // Kvorning 2004 control: 14% of 35. 5/35 = 14.29% → 14%; 4/35 = 11.4%, 6/35 = 17.1%.
    expect(armEvents(null, 35, 14)).toEqual({ events: 5, derived: true });
    // GERAC sham: 44.2% of 387. 171/387 = 44.186% → 44.2%; 170/387 = 43.93%, 172/387 = 44.44%.
    expect(armEvents(null, 387, 44.2)).toEqual({ events: 171, derived: true });
  });

  it('refuses a percentage that no whole count of n gives', () => {
    // GERAC verum: 47.6% of 387. 184/387 = 47.545%, 185/387 = 47.80%: neither rounds to 47.6.
    expect(armEvents(null, 387, 47.6)).toMatchObject({
      events: null,
      reason: expect.stringContaining('another denominator') as unknown,
    });
    // Kvorning acupuncture: 60% of 37. 22/37 = 59.46%, 23/37 = 62.16%.
    expect(armEvents(null, 37, 60)).toMatchObject({ events: null });
  });

  it('refuses when the printed precision fits several counts', () => {
    // 50% of 1000 at whole-percent precision: 495..505 all round to 50%; the window finds 498..502.
    expect(armEvents(null, 1000, 50)).toMatchObject({
      events: null,
      reason: expect.stringContaining('fits') as unknown,
    });
  });

  it('reads the printed precision', () => {
    expect([printedDecimals(47.6), printedDecimals(60), printedDecimals(5.25)]).toEqual([1, 0, 2]);
    expect([decimalsOfText('55.0'), decimalsOfText(' 60 '), decimalsOfText('1.50e2')]).toEqual([1, 0, 2]);
  });

  it('uses the precision the percentage was printed with', () => {
    // GERAC verum response at 3 months: "55.0" of 387. At one decimal only 213/387 = 55.04% rounds to 55.0%;
    // read as "55" (whole percent) 211..214 would all fit.
    expect(armEvents(null, 387, 55, 1)).toEqual({ events: 213, derived: true });
    expect(armEvents(null, 387, 55, 0)).toMatchObject({ events: null });
  });

  it('keeps the printed decimals of a loaded row', () => {
    const { raw } = parseCsv('f.csv', 'study_id,comparison,outcome,pct_treatment,n_treatment\nx,c,o,55.0,387\n');
    if (!raw) throw new Error('parse');
    const row = typeFile(raw).typed?.rows[0];
    if (!row) throw new Error('type');
    expect(row['pct_treatment']).toBe(55);
    expect(armEventsOf(row, 'treatment')).toEqual({ events: 213, derived: true });
  });
});
