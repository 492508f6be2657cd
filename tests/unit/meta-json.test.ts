// The JSON of meta is written in chunks from the studies' columns; it must be, byte for byte, the
// envelope that renderJson makes of the whole result (JSON.stringify of every study's object), which
// is what meta printed before. The counts are those of Fleiss 1993 analysis 1.1 (tests/fixtures/cochrane/
// Fleiss1993.rm5); the study names are made hostile on purpose.
import { describe, expect, it } from 'vitest';
import { effectInputs } from '../../src/core/meta/input.js';
import { metaAnalysis, type MetaOptions, type PoolMethod } from '../../src/core/meta/analysis.js';
import type { Row } from '../../src/core/evidence/table.js';
import { metaJsonChunks } from '../../src/render/meta-json.js';
import { renderJson } from '../../src/render/json.js';
import { FLEISS_1993_COUNTS } from '../helpers/fleiss1993.js';

const COUNTS = FLEISS_1993_COUNTS;
const NAMES = [
  'mrc-1',
  'say "hi" \\ back',
  'müller – 2001 ☂',
  'c1\u0085 and \u2028 line',
  'tab\there\u0001',
  '\u2063studies of the meta-analysis\u2063',
  'lone \ud800 surrogate',
];

const rows: Row[] = COUNTS.map(([et, nt, ec, nc], i) => ({
  study_id: NAMES[i] ?? '',
  events_treatment: et,
  n_treatment: nt,
  events_control: ec,
  n_control: nc,
}));

const decoder = new TextDecoder();
const text = (chunks: Iterable<string | Uint8Array>) =>
  [...chunks].map((c) => (typeof c === 'string' ? c : decoder.decode(c))).join('');

function result(method: PoolMethod, names: readonly Row[], groups?: string[]) {
  const inputs = effectInputs(names, 'OR', 'outcomes', {});
  const options: MetaOptions = { measure: 'OR', method, test: 'z', level: 0.95, pi: 'default', i2: 'tau2' };
  return metaAnalysis(inputs, groups ? { ...options, groups } : options);
}

describe('meta JSON in chunks', () => {
  const whole = (r: ReturnType<typeof result>, filters: string[]) =>
    renderJson({ command: 'meta', filters, columns: [], rows: [], notes: [], json: r });

  it.each(['REML', 'DL', 'FE', 'MH', 'Peto'] as const)('%s: the same text as the whole envelope', (method) => {
    // Without the study whose name is the marker: the studies are streamed.
    const plain = rows.filter((_, i) => i !== 5);
    const r = result(method, plain);
    expect(text(metaJsonChunks(r, ['x=1']))).toBe(whole(r, ['x=1']));
    expect(text(metaJsonChunks(r, ['x=1']))).toContain('"label": "say \\"hi\\" \\\\ back"');
  });

  it('with subgroups, and with a name that spells the marker (then made whole)', () => {
    const grouped = result('REML', rows, ['a', 'b', 'a', 'b', 'a', 'b', 'a']);
    expect(text(metaJsonChunks(grouped, []))).toBe(whole(grouped, []));
    const plain = result('REML', rows.slice(0, 2), ['x\u0085', 'y']);
    expect(text(metaJsonChunks(plain, []))).toBe(whole(plain, []));
    expect(text(metaJsonChunks(plain, []))).toContain('"group": "x\\u0085"');
  });
});
