/**
 * Evidence blocks in Markdown: find them and splice new content in (string in, string out).
 *
 *   <!-- acu-evidence studies --format markdown -->      a block: the lines up to the closing marker
 *   ...generated...
 *   <!-- /acu-evidence -->
 *
 *   We pooled <!-- acu-evidence value patients -->1,234<!-- /acu-evidence --> patients.   inline
 *
 * Markers inside fenced code blocks are text, not markers.
 */

export interface Block {
  /** 1-based line of the opening marker. */
  line: number;
  /** The argument list of the opening marker, tokenised like a shell would. */
  argv: string[];
  /** The opening marker's argument text as written. */
  command: string;
  inline: boolean;
  /** Offsets of the content between the markers in the original text. */
  start: number;
  end: number;
  content: string;
  /** Offset and length of the opening marker (`render --upgrade` rewrites it). */
  openIndex: number;
  openLength: number;
  /** An inline block whose marker starts its line: CommonMark makes that line an HTML block of its own. */
  startsLine: boolean;
}

export interface MarkerProblem {
  line: number;
  message: string;
}

const OPEN = /<!--\s*acu-evidence\s+(.*?)\s*-->/g;
const CLOSE = /<!--\s*\/acu-evidence\s*-->/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits an argument list like a POSIX shell: single and double quotes, backslash escapes. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\'))
        current += text[++i] ?? '';
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inToken = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i] ?? '';
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (inToken) tokens.push(current);
  return tokens;
}

interface Marker {
  kind: 'open' | 'close';
  line: number;
  index: number;
  length: number;
  command: string;
  /** The marker is the only thing on its line. */
  alone: boolean;
  /** Only spaces stand before the marker on its line. */
  first: boolean;
}

function markersOf(text: string): Marker[] {
  const markers: Marker[] = [];
  let fence: string | null = null;
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((lineText, i) => {
    const fenceMatch = FENCE.exec(lineText);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && lineText.trim() === marker) fence = null;
    } else if (fence === null) {
      const found: Marker[] = [];
      for (const m of lineText.matchAll(OPEN))
        found.push({
          kind: 'open',
          line: i + 1,
          index: offset + (m.index ?? 0),
          length: m[0].length,
          command: m[1] ?? '',
          alone: lineText.trim() === m[0],
          first: lineText.slice(0, m.index).trim() === '',
        });
      for (const m of lineText.matchAll(CLOSE))
        found.push({
          kind: 'close',
          line: i + 1,
          index: offset + (m.index ?? 0),
          length: m[0].length,
          command: '',
          alone: lineText.trim() === m[0],
          first: lineText.slice(0, m.index).trim() === '',
        });
      markers.push(...found.sort((a, b) => a.index - b.index));
    }
    offset += lineText.length + 1;
  });
  return markers;
}

/** Finds every evidence block; problems (unclosed, nested, stray markers) are returned, not thrown. */
export function findBlocks(text: string): { blocks: Block[]; problems: MarkerProblem[] } {
  const blocks: Block[] = [];
  const problems: MarkerProblem[] = [];
  let open: Marker | null = null;
  for (const marker of markersOf(text)) {
    if (marker.kind === 'open') {
      if (open)
        problems.push({
          line: marker.line,
          message: `evidence block opened inside the block opened at line ${open.line} (blocks cannot nest)`,
        });
      else open = marker;
      continue;
    }
    if (!open) {
      problems.push({ line: marker.line, message: 'closing <!-- /acu-evidence --> without an opening marker' });
      continue;
    }
    const inline = open.line === marker.line;
    if (!inline && !(open.alone && marker.alone)) {
      problems.push({
        line: open.line,
        message: 'a block spanning lines needs its opening and closing markers each on a line of their own',
      });
      open = null;
      continue;
    }
    // A block's content starts on the line after its opening marker.
    const start = inline ? open.index + open.length : text.indexOf('\n', open.index) + 1;
    const end = inline ? marker.index : marker.index;
    blocks.push({
      line: open.line,
      argv: tokenize(open.command),
      command: open.command,
      inline,
      start,
      end,
      content: text.slice(start, end),
      openIndex: open.index,
      openLength: open.length,
      startsLine: inline && open.first,
    });
    open = null;
  }
  if (open) problems.push({ line: open.line, message: 'evidence block is never closed (add <!-- /acu-evidence -->)' });
  return { blocks, problems };
}

/**
 * Replaces each block's content. Block content keeps the file's line ends and ends with one line
 * end; inline content is a single line.
 */
export function spliceBlocks(text: string, blocks: readonly Block[], contents: readonly string[]): string {
  const crlf = text.includes('\r\n');
  let result = '';
  let last = 0;
  blocks.forEach((block, i) => {
    let content = contents[i] ?? '';
    if (block.inline) content = content.replace(/\r?\n$/, '').replace(/\r?\n/g, ' ');
    else {
      content = content.replace(/\r\n/g, '\n');
      if (content !== '' && !content.endsWith('\n')) content += '\n';
      if (crlf) content = content.replace(/\n/g, '\r\n');
    }
    result += text.slice(last, block.start) + content;
    last = block.end;
  });
  return result + text.slice(last);
}
