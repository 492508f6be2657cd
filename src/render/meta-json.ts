/**
 * The JSON envelope of a meta-analysis, written in chunks: the studies (a million of them made one
 * object tree of about 2 GB before JSON.stringify) are printed from their columns a chunk at a
 * time, in exactly the text `renderJson` gives (JSON.stringify with two spaces, escapeInvisible).
 */
import type { MetaResult } from '../core/meta/analysis.js';
import type { StudyTable } from '../core/meta/study-table.js';
import { escapeInvisible, renderJson } from './json.js';
import { ByteWriter, FLUSH } from './meta-bytes.js';

/**
 * A string as JSON.stringify prints it, escaped as escapeInvisible does. Most labels are plain
 * printable ASCII without a quote or backslash, which JSON prints between quotes as they are.
 */
function jsonString(text: string): string {
  return /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(text) ? `"${text}"` : escapeInvisible(JSON.stringify(text));
}

function* studyChunks(t: StudyTable, indent: string): Generator<Uint8Array> {
  const a = `${indent}  `;
  const b = `${a}  `;
  const c = `${b}  `;
  const out = new ByteWriter();
  const key = (name: string, at = b) => `${at}"${name}": `;
  const encode = (text: string) => new TextEncoder().encode(text);
  const open = encode(`${a}{\n${key('study_id')}`);
  const comma = encode(',\n');
  const keys = {
    label: encode(`,\n${key('label')}`),
    yi: encode(`,\n${key('yi')}`),
    vi: encode(`,\n${key('vi')}`),
    ciLb: encode(`,\n${key('ci_lb')}`),
    ciUb: encode(`,\n${key('ci_ub')}`),
    weight: encode(`,\n${key('weight')}`),
    basis: encode(`,\n${key('basis')}`),
    group: encode(`,\n${key('group')}`),
    estimate: encode(`,\n${key('transformed')}{\n${key('estimate', c)}`),
    estimateLb: encode(`,\n${key('ci_lb', c)}`),
    estimateUb: encode(`,\n${key('ci_ub', c)}`),
    close: encode(`\n${b}}\n${a}}`),
  };
  const number = (x: number) => {
    if (x - x === 0) out.number(x);
    else out.text('null');
  };
  let basisText = '';
  let basisJson = '""';
  for (let i = 0; i < t.length; i++) {
    const label = t.label[i] ?? '';
    const id = t.study_id[i] ?? '';
    const labelJson = jsonString(label);
    const basis = t.basis[i] ?? '';
    if (basis !== basisText) {
      basisText = basis;
      basisJson = jsonString(basis);
    }
    const group = t.group?.[i] ?? null;
    if (i > 0) out.bytes(comma);
    out.bytes(open);
    out.text(id === label ? labelJson : jsonString(id));
    out.bytes(keys.label);
    out.text(labelJson);
    out.bytes(keys.yi);
    number(t.yi[i] ?? NaN);
    out.bytes(keys.vi);
    number(t.vi[i] ?? NaN);
    out.bytes(keys.ciLb);
    number(t.ci_lb[i] ?? NaN);
    out.bytes(keys.ciUb);
    number(t.ci_ub[i] ?? NaN);
    out.bytes(keys.weight);
    number(t.weight[i] ?? NaN);
    out.bytes(keys.basis);
    out.text(basisJson);
    out.bytes(keys.group);
    out.text(group === null ? 'null' : jsonString(group));
    out.bytes(keys.estimate);
    number(t.estimate[i] ?? NaN);
    out.bytes(keys.estimateLb);
    number(t.estimate_ci_lb[i] ?? NaN);
    out.bytes(keys.estimateUb);
    number(t.estimate_ci_ub[i] ?? NaN);
    out.bytes(keys.close);
    if (out.length >= FLUSH) yield out.take();
  }
  if (out.length > 0) yield out.take();
}

/**
 * The envelope with every field but the studies from JSON.stringify (their place held by a
 * marker), the studies streamed between. Should the marker occur elsewhere in the text (a data
 * cell that spells it), the whole envelope is made the ordinary way.
 */
export function* metaJsonChunks(result: MetaResult, filters: readonly string[]): Generator<string | Uint8Array> {
  const marker = `\u2063studies of the meta-analysis\u2063`;
  const quoted = `"${marker}"`;
  const text = renderJson({
    command: 'meta',
    filters,
    columns: [],
    rows: [],
    notes: [],
    json: { ...result, studies: marker },
  });
  const at = text.indexOf(quoted);
  if (at < 0 || text.indexOf(quoted, at + 1) >= 0 || text.indexOf(marker) !== at + 1) {
    yield renderJson({ command: 'meta', filters, columns: [], rows: [], notes: [], json: result });
    return;
  }
  const studies = result.studies;
  if (studies.length === 0) {
    yield `${text.slice(0, at)}[]${text.slice(at + quoted.length)}`;
    return;
  }
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart, at))?.[0] ?? '';
  yield `${text.slice(0, at)}[\n`;
  yield* studyChunks(studies, indent);
  yield `\n${indent}]${text.slice(at + quoted.length)}`;
}
