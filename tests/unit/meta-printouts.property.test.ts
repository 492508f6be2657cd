// meta's CSV and JSON are written as bytes, copying a text cell as it is when it needs no quoting,
// defusing or escaping. Over arbitrary texts (quotes, commas, line ends, formula starts, controls,
// non-ASCII, lone surrogates) and numbers (NaN and infinities among them), they must print what
// the plain definitions print: RFC 4180 quoting after `defuse` and String(x) for the CSV, the
// whole envelope through renderJson (JSON.stringify) for the JSON. The counts are those of Fleiss
// 1993 analysis 1.1 (tests/fixtures/cochrane/Fleiss1993.rm5), as in meta-json.test.ts.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { effectInputs } from '../../src/core/meta/input.js';
import { metaAnalysis, type MetaResult } from '../../src/core/meta/analysis.js';
import { StudyTable } from '../../src/core/meta/study-table.js';
import type { Row } from '../../src/core/evidence/table.js';
import { renderMetaChunks } from '../../src/render/meta.js';
import { renderJson } from '../../src/render/json.js';
import { defuse } from '../../src/render/csv.js';
import { PLAIN } from '../../src/render/report.js';
import { FLEISS_1993_COUNTS } from '../helpers/fleiss1993.js';

const COUNTS = FLEISS_1993_COUNTS;
const rows: Row[] = COUNTS.map(([et, nt, ec, nc], i) => ({
  study_id: `s${i}`,
  events_treatment: et,
  n_treatment: nt,
  events_control: ec,
  n_control: nc,
}));
const base = metaAnalysis(effectInputs(rows, 'OR', 'outcomes', {}), {
  measure: 'OR',
  method: 'REML',
  test: 'z',
  level: 0.95,
  pi: 'default',
  i2: 'tau2',
});

const decoder = new TextDecoder();
const encoder = new TextEncoder();
/** The bytes written, read back as text (a lone surrogate was written as U+FFFD, as in any UTF-8 file). */
const text = (chunks: Iterable<string | Uint8Array>) =>
  [...chunks].map((c) => decoder.decode(typeof c === 'string' ? encoder.encode(c) : c)).join('');
/** A text as a UTF-8 file holds it. */
const utf8 = (s: string) => decoder.decode(encoder.encode(s));

/** Texts that hit every case: plain words, the characters that need care, and anything at all. */
const cellText = fc.oneof(
  fc.stringMatching(/^[a-z0-9 ]{0,8}$/),
  fc
    .array(
      fc.constantFrom(
        'a',
        ' ',
        '"',
        ',',
        '\n',
        '\r',
        '=',
        '+',
        '-',
        '@',
        '\t',
        '\\',
        '\u0001',
        '\u007f',
        '\u0085',
        '\u2028',
        'ü',
        '☂',
        '\ud800',
        '😀',
      ),
      { maxLength: 6 },
    )
    .map((cs) => cs.join('')),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const cellNumber = fc.oneof(
  fc.double(),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 2 ** -3, 1e21, 1e-7),
);
const study = fc.record({
  id: cellText,
  label: fc.option(cellText, { nil: undefined }),
  basis: fc.constantFrom('arms', 'reported', 'a,b', '=x', 'ü'),
  group: cellText,
  numbers: fc.array(cellNumber, { minLength: 8, maxLength: 8 }),
});

interface Study {
  id: string;
  label?: string | undefined;
  basis: string;
  group: string;
  numbers: number[];
}

/** The result with these studies in place of its own (numbers, texts and all). */
function withStudies(list: readonly Study[], grouped: boolean): MetaResult {
  const column = (k: number) => Float64Array.from(list, (s) => s.numbers[k] ?? NaN);
  const studies = new StudyTable({
    study_id: list.map((s) => s.id),
    label: list.map((s) => s.label ?? s.id),
    yi: column(0),
    vi: column(1),
    ci_lb: column(2),
    ci_ub: column(3),
    weight: column(4),
    estimate: column(5),
    estimate_ci_lb: column(6),
    estimate_ci_ub: column(7),
    basis: list.map((s) => s.basis),
    group: grouped ? list.map((s) => s.group) : null,
  });
  return { ...base, studies };
}

/** A CSV cell as RFC 4180 quotes it, after `defuse`; a number as String prints it, empty when not finite. */
function csvCell(value: string | number): string {
  const t = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : defuse(value, value);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

describe('meta printouts over arbitrary studies', () => {
  it.prop([fc.array(study, { minLength: 1, maxLength: 12 })], { numRuns: 300 })(
    'CSV: each study line is its cells quoted, defused and printed as String does',
    (list) => {
      const r = withStudies(list, false);
      const lines = text(renderMetaChunks(r, 'csv', PLAIN, []));
      const t = r.studies;
      const expected = list.map((_, i) =>
        [
          t.label[i] ?? '',
          t.study_id[i] ?? '',
          t.yi[i] ?? NaN,
          t.vi[i] ?? NaN,
          t.ci_lb[i] ?? NaN,
          t.ci_ub[i] ?? NaN,
          t.weight[i] ?? NaN,
          t.estimate[i] ?? NaN,
          t.estimate_ci_lb[i] ?? NaN,
          t.estimate_ci_ub[i] ?? NaN,
          t.basis[i] ?? '',
        ]
          .map(csvCell)
          .join(','),
      );
      const header = 'label,study_id,yi,vi,ci_lb,ci_ub,weight,estimate,estimate_ci_lb,estimate_ci_ub,basis\n';
      const studyLines = utf8(`${header}${expected.join('\n')}\n`);
      expect(lines.slice(0, studyLines.length)).toBe(studyLines);
      // Then the pooled line, and nothing else.
      expect(lines.slice(studyLines.length).split('\n')).toHaveLength(2);
    },
  );

  it.prop([fc.array(study, { minLength: 1, maxLength: 12 }), fc.boolean()], { numRuns: 300 })(
    'JSON: the same text as the whole envelope made by JSON.stringify',
    (list, grouped) => {
      const r = withStudies(list, grouped);
      const whole = renderJson({ command: 'meta', filters: [], columns: [], rows: [], notes: [], json: r });
      expect(text(renderMetaChunks(r, 'json', PLAIN, []))).toBe(utf8(whole));
    },
  );
});
