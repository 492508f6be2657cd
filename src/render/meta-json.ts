/**
 * The JSON envelope of a meta-analysis, written in chunks: the studies (a million of them made one
 * object tree of about 2 GB before JSON.stringify) are printed from their columns a chunk at a
 * time, in exactly the text `renderJson` gives (JSON.stringify with two spaces, escapeInvisible).
 */
import type { MetaResult } from '../core/meta/analysis.js';
import type { StudyTable } from '../core/meta/study-table.js';
import { escapeInvisible, renderJson } from './json.js';
import { ByteWriter, FLUSH, piece, plainTable, type Piece } from './meta-bytes.js';
import { QUOTE } from '../core/text/char-codes.js';

/** The characters JSON.stringify prints as they are and escapeInvisible leaves: printable ASCII but `"` and `\\`. */
const PLAIN = plainTable((c) => c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c);

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
  const open = `${a}{\n${key('study_id')}`;
  const first = piece(open);
  const next = piece(`,\n${open}`);
  const keys = {
    label: piece(`,\n${key('label')}`),
    yi: piece(`,\n${key('yi')}`),
    vi: piece(`,\n${key('vi')}`),
    ciLb: piece(`,\n${key('ci_lb')}`),
    ciUb: piece(`,\n${key('ci_ub')}`),
    weight: piece(`,\n${key('weight')}`),
    estimateLb: piece(`,\n${key('ci_lb', c)}`),
    estimateUb: piece(`,\n${key('ci_ub', c)}`),
    close: piece(`\n${b}}\n${a}}`),
  };
  // From the weight's value to the back-transformed estimate's: basis, group and the keys between,
  // the same text while basis and group are (one piece per pair, made when the pair first occurs).
  const middles = new Map<string, Map<string | null, Piece>>();
  const middle = (basis: string, group: string | null): Piece => {
    let byGroup = middles.get(basis);
    if (!byGroup) middles.set(basis, (byGroup = new Map<string | null, Piece>()));
    let made = byGroup.get(group);
    if (!made) {
      const groupJson = group === null ? 'null' : jsonString(group);
      made = piece(
        `,\n${key('basis')}${jsonString(basis)},\n${key('group')}${groupJson},\n${key('transformed')}{\n${key('estimate', c)}`,
      );
      byGroup.set(group, made);
    }
    return made;
  };
  const NULL = piece('null');
  const string = (text: string) => {
    if (!out.plain(text, PLAIN, QUOTE)) out.text(jsonString(text));
  };
  const columns = [t.yi, t.vi, t.ci_lb, t.ci_ub, t.weight, t.estimate, t.estimate_ci_lb, t.estimate_ci_ub];
  // What follows each number: the next key, basis and group (`after[4]`, set per study), the end.
  const after = [keys.vi, keys.ciLb, keys.ciUb, keys.weight, keys.close, keys.estimateLb, keys.estimateUb, keys.close];
  let lastBasis: string | undefined;
  let lastGroup: string | null | undefined;
  const groups = t.group;
  for (let i = 0; i < t.length; i++) {
    const basis = t.basis[i] ?? '';
    const group = groups === null ? null : (groups[i] ?? null);
    if (i === 0 || basis !== lastBasis || group !== lastGroup) {
      lastBasis = basis;
      lastGroup = group;
      after[4] = middle(basis, group);
    }
    out.piece(i === 0 ? first : next);
    string(t.study_id[i] ?? '');
    out.piece(keys.label);
    string(t.label[i] ?? '');
    out.piece(keys.yi);
    out.numbers(columns, i, after, NULL);
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
