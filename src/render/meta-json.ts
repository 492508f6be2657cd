/**
 * The JSON envelope of a meta-analysis, written in chunks: the studies (a million of them made one
 * object tree of about 2 GB before JSON.stringify) are printed from their columns a chunk at a
 * time, in exactly the text `renderJson` gives (JSON.stringify with two spaces, escapeInvisible).
 */
import type { MetaResult } from '../core/meta/analysis.js';
import type { StudyTable } from '../core/meta/study-table.js';
import { escapeInvisible, renderJson } from './json.js';

/** Studies per chunk of output. */
const CHUNK = 4096;

/**
 * A string as JSON.stringify prints it, escaped as escapeInvisible does. Most labels are plain
 * printable ASCII without a quote or backslash, which JSON prints between quotes as they are.
 */
function jsonString(text: string): string {
  return /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(text) ? `"${text}"` : escapeInvisible(JSON.stringify(text));
}

/** A number as JSON.stringify prints it (null for NaN and the infinities). */
function jsonNumber(x: number): string {
  return x - x === 0 ? String(x) : 'null';
}

function* studyChunks(t: StudyTable, indent: string): Generator<string> {
  const a = `${indent}  `;
  const b = `${a}  `;
  const c = `${b}  `;
  const open = `${a}{\n${b}"study_id": `;
  let basisText = '';
  let basisJson = '""';
  for (let start = 0; start < t.length; start += CHUNK) {
    let chunk = '';
    const end = Math.min(t.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const label = t.label[i] ?? '';
      const id = t.study_id[i] ?? '';
      const labelJson = jsonString(label);
      const basis = t.basis[i] ?? '';
      if (basis !== basisText) {
        basisText = basis;
        basisJson = jsonString(basis);
      }
      const group = t.group?.[i] ?? null;
      chunk += `${i === 0 ? '' : ',\n'}${open}${id === label ? labelJson : jsonString(id)},\n${b}"label": ${labelJson},\n${b}"yi": ${jsonNumber(t.yi[i] ?? NaN)},\n${b}"vi": ${jsonNumber(t.vi[i] ?? NaN)},\n${b}"ci_lb": ${jsonNumber(t.ci_lb[i] ?? NaN)},\n${b}"ci_ub": ${jsonNumber(t.ci_ub[i] ?? NaN)},\n${b}"weight": ${jsonNumber(t.weight[i] ?? NaN)},\n${b}"basis": ${basisJson},\n${b}"group": ${group === null ? 'null' : jsonString(group)},\n${b}"transformed": {\n${c}"estimate": ${jsonNumber(t.estimate[i] ?? NaN)},\n${c}"ci_lb": ${jsonNumber(t.estimate_ci_lb[i] ?? NaN)},\n${c}"ci_ub": ${jsonNumber(t.estimate_ci_ub[i] ?? NaN)}\n${b}}\n${a}}`;
    }
    yield chunk;
  }
}

/**
 * The envelope with every field but the studies from JSON.stringify (their place held by a
 * marker), the studies streamed between. Should the marker occur elsewhere in the text (a data
 * cell that spells it), the whole envelope is made the ordinary way.
 */
export function* metaJsonChunks(result: MetaResult, filters: readonly string[]): Generator<string> {
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
