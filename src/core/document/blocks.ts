/**
 * What an evidence block may say. A block is data, not a command line: its opening marker names a
 * command from a whitelist and that command's query and format options, and the CLI argv is built
 * here from canonical option names, so no spelling of an option (bundled short flags, `=` forms,
 * abbreviations) can reach the command parser.
 *
 *   <!-- acu-evidence value reported-patients where="review_id=vickers-2018" -->      (this form)
 *   <!-- acu-evidence value reported-patients --where "review_id=vickers-2018" -->    (old form)
 *
 * The old form holds `--`, which ends an HTML comment in CommonMark 0.30 and GitHub's renderer, so
 * the marker shows as text; it is still read (with a warning) and `render --upgrade` rewrites it.
 */
import { tokenize } from './markers.js';

/** value: takes name=value once; repeat: name=value, repeatable; paths: files or folders, repeatable. */
type OptionKind = 'value' | 'repeat' | 'paths' | 'flag' | 'optional';

export interface BlockCommand {
  /** How many positional arguments the command takes (min, max). */
  args?: readonly [number, number];
  options: Readonly<Record<string, OptionKind>>;
  /** Not a command: render writes the block from the commands' declarations; it reads and runs nothing. */
  declared?: true;
}

const DATA = { data: 'paths', where: 'repeat', delimiter: 'value', decimal: 'value' } as const;
const FORMAT = { format: 'value' } as const;
const GROUP = { 'group-by': 'value' } as const;
const LIST = { sort: 'value', columns: 'value', limit: 'value' } as const;
const INTERVAL = { method: 'value', level: 'value' } as const;
const VS = { vs: 'value' } as const;
const META = {
  measure: 'value',
  method: 'value',
  test: 'value',
  level: 'value',
  pi: 'value',
  i2: 'value',
  add: 'value',
  to: 'value',
  drop00: 'flag',
  'leave-one-out': 'flag',
  cumulative: 'optional',
  egger: 'flag',
  mods: 'value',
  trimfill: 'optional',
  ranktest: 'flag',
  failsafe: 'flag',
} as const;
/** A plot block: the picture options of `plot`, and image=, the one path a block may write (render checks it). */
const PLOT = {
  ...META,
  better: 'value',
  favours: 'value',
  arms: 'value',
  xlim: 'value',
  title: 'value',
  width: 'value',
  scale: 'value',
  of: 'value',
  vs: 'value',
  image: 'value',
} as const;

/**
 * The commands a block may run, with the options each may use: the commands that print a result.
 * A new command (a plot, say) enters with one line here.
 */
export const BLOCK_COMMANDS: Readonly<Record<string, BlockCommand>> = {
  value: { args: [1, 1], options: { ...DATA, ...FORMAT, ...INTERVAL, ...VS } },
  summary: { options: { ...DATA, ...FORMAT, ...GROUP, ...LIST, ...INTERVAL } },
  patients: { options: { ...DATA, ...FORMAT, ...GROUP, ...LIST } },
  treatments: { options: { ...DATA, ...FORMAT, ...GROUP, ...LIST } },
  outcomes: { options: { ...DATA, ...FORMAT, ...GROUP, ...LIST, ...INTERVAL, ...VS, 'by-study': 'flag' } },
  'adverse-events': { options: { ...DATA, ...FORMAT, ...GROUP, ...LIST, ...INTERVAL, 'by-event': 'flag' } },
  meta: { options: { ...DATA, ...FORMAT, ...GROUP, ...META, better: 'value' } },
  studies: { options: { ...DATA, ...FORMAT, ...GROUP, ...LIST } },
  cite: { options: { ...DATA, ...FORMAT } },
  claims: { options: { ...DATA, ...FORMAT, ...LIST, ...INTERVAL, ...VS, long: 'flag' } },
  schema: { args: [0, 1], options: { ...FORMAT, vocabularies: 'flag' } },
  // Never --show-small: a document cannot lift the privacy rule for groups of fewer than 5 patients.
  clinic: { options: { ...DATA, ...FORMAT, ...GROUP, ...INTERVAL, threshold: 'value' } },
  plot: { args: [1, 1], options: { data: 'paths', where: 'repeat', ...GROUP, ...PLOT } },
  // The table of the commands (name and summary, as help lists them): no option, so nothing to reach a path.
  commands: { options: {}, declared: true },
};

/** Options of render itself that a block may set (they never reach the command). */
const BLOCK_RENDER_OPTIONS = { note: ['suffix', 'none'] } as const;
type NoteStyle = (typeof BLOCK_RENDER_OPTIONS.note)[number];

/** Short flags of the old form (all commands share them). */
const SHORT: Readonly<Record<string, string>> = {
  d: 'data',
  w: 'where',
  g: 'group-by',
  f: 'format',
  o: 'output',
  q: 'quiet',
  h: 'help',
  V: 'version',
};

interface BlockOption {
  name: string;
  /** Absent for a flag. */
  value?: string;
}

export interface BlockSpec {
  command: string;
  args: string[];
  options: BlockOption[];
  note: NoteStyle;
}

export type ParsedMarker = { ok: true; spec: BlockSpec; legacy: boolean } | { ok: false; message: string };

/** Why an option is refused: the reasons a user can act on. */
function refusal(command: string, name: string): string {
  if (name === 'output') return 'an evidence block cannot write a file (output): what it prints goes into the block';
  if (name === 'help' || name === 'version') return `an evidence block cannot print ${name}`;
  const allowed = Object.keys(BLOCK_COMMANDS[command]?.options ?? {});
  return `a "${command}" block takes no option "${name}"; it takes ${[...allowed, 'note'].join(', ')}`;
}

/** The specs whose note= was written (the default is not), so a second one is refused, not won. */
const NOTE_GIVEN = new WeakSet<BlockSpec>();

function addOption(spec: BlockSpec, name: string, value: string | undefined): string | undefined {
  if (name === 'note') {
    const styles: readonly string[] = BLOCK_RENDER_OPTIONS.note;
    if (value === undefined || !styles.includes(value)) return `note= takes ${styles.join(' or ')}`;
    if (NOTE_GIVEN.has(spec)) return 'option "note" is given twice';
    NOTE_GIVEN.add(spec);
    spec.note = value as NoteStyle;
    return undefined;
  }
  const kind = BLOCK_COMMANDS[spec.command]?.options[name];
  if (kind === undefined) return refusal(spec.command, name);
  if (kind === 'flag' && value !== undefined) return `option "${name}" is a switch: write it alone, without "="`;
  if ((kind === 'value' || kind === 'repeat' || kind === 'paths') && value === undefined)
    return `option "${name}" needs a value: ${name}=...`;
  if ((kind === 'value' || kind === 'optional' || kind === 'flag') && spec.options.some((o) => o.name === name))
    return `option "${name}" is given twice`;
  if (kind === 'paths' && value === '-') return 'an evidence block cannot read stdin (data=-)';
  spec.options.push(value === undefined ? { name } : { name, value });
  return undefined;
}

function checkCommand(command: string | undefined): string | undefined {
  if (command === undefined) return 'the marker names no command';
  if (command === 'render') return 'an evidence block cannot run render';
  if (!Object.hasOwn(BLOCK_COMMANDS, command))
    return `unknown block command "${command}"; a block runs one of ${Object.keys(BLOCK_COMMANDS).join(', ')}`;
  return undefined;
}

function checkArgs(spec: BlockSpec): string | undefined {
  const [min, max] = BLOCK_COMMANDS[spec.command]?.args ?? [0, 0];
  if (spec.args.length < min) return `a "${spec.command}" block needs ${min} argument${min === 1 ? '' : 's'}`;
  if (spec.args.length > max)
    return `a "${spec.command}" block takes ${max === 0 ? 'no argument' : `at most ${max} argument${max === 1 ? '' : 's'}`}, got "${spec.args[max]}"`;
  const odd = spec.args.find((a) => !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(a));
  if (odd !== undefined) return `"${odd}" is not a plain argument (a name of letters, digits and -)`;
  return undefined;
}

/** Parses the old `--name value` form strictly: long names exactly, short flags one letter at a time. */
function parseLegacy(spec: BlockSpec, tokens: readonly string[]): string | undefined {
  const kindOf = (name: string): OptionKind | undefined => BLOCK_COMMANDS[spec.command]?.options[name];
  const takesValue = (name: string): boolean => {
    const kind = kindOf(name);
    return kind === 'value' || kind === 'repeat' || kind === 'paths';
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token === '--') return 'an evidence block cannot use "--"';
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = token.slice(2, eq === -1 ? undefined : eq);
      if (name === 'no-color' || name === 'color') return refusal(spec.command, name);
      if (name === 'json' && kindOf('format') !== undefined) {
        const problem = addOption(spec, 'format', 'json');
        if (problem) return problem;
        continue;
      }
      if (kindOf(name) === undefined) return refusal(spec.command, name);
      let value = eq === -1 ? undefined : token.slice(eq + 1);
      if (value === undefined && takesValue(name)) {
        value = tokens[++i];
        if (value === undefined) return `option "${name}" needs a value`;
      }
      if (kindOf(name) === 'paths') {
        // --data takes several paths, as commander's variadic option does.
        for (const v of [value, ...takeWhile(tokens, i + 1)]) {
          const problem = addOption(spec, name, v);
          if (problem) return problem;
        }
        i += takeWhile(tokens, i + 1).length;
        continue;
      }
      const problem = addOption(spec, name, value);
      if (problem) return problem;
    } else if (token.startsWith('-') && token.length > 1) {
      // Bundled short flags: every letter is an option; one that takes a value ends the bundle.
      for (let j = 1; j < token.length; j++) {
        const name = SHORT[token[j] ?? ''];
        if (name === undefined) return `a "${spec.command}" block takes no option "-${token[j]}"`;
        if (kindOf(name) === undefined) return refusal(spec.command, name);
        if (!takesValue(name)) {
          const problem = addOption(spec, name, undefined);
          if (problem) return problem;
          continue;
        }
        let value: string | undefined = token.slice(j + 1);
        if (value === '') value = tokens[++i];
        if (value === undefined) return `option "${name}" needs a value`;
        const values = kindOf(name) === 'paths' ? [value, ...takeWhile(tokens, i + 1)] : [value];
        if (kindOf(name) === 'paths') i += values.length - 1;
        for (const v of values) {
          const problem = addOption(spec, name, v);
          if (problem) return problem;
        }
        break;
      }
    } else spec.args.push(token);
  }
  return undefined;
}

/** The tokens from `start` up to the next one that looks like an option. */
function takeWhile(tokens: readonly string[], start: number): string[] {
  const taken: string[] = [];
  for (let i = start; i < tokens.length && !(tokens[i] ?? '').startsWith('-'); i++) taken.push(tokens[i] ?? '');
  return taken;
}

/** Parses the text of an opening marker after `acu-evidence`. */
export function parseMarker(text: string): ParsedMarker {
  const tokens = tokenize(text);
  const command = tokens[0];
  const bad = checkCommand(command);
  if (bad !== undefined || command === undefined) return { ok: false, message: bad ?? 'no command' };
  const spec: BlockSpec = { command, args: [], options: [], note: 'suffix' };
  const rest = tokens.slice(1);
  const legacy = text.includes('--') || rest.some((t) => t.startsWith('-'));
  let problem: string | undefined;
  if (legacy) problem = parseLegacy(spec, rest);
  else
    for (const token of rest) {
      const named = /^([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(token);
      const name = named?.[1];
      const isOption =
        name !== undefined &&
        (named?.[2] !== undefined || name === 'note' || BLOCK_COMMANDS[command]?.options[name] !== undefined);
      problem = isOption ? addOption(spec, name, named?.[2]) : (spec.args.push(token), undefined);
      if (problem) break;
    }
  problem ??= checkArgs(spec);
  return problem ? { ok: false, message: problem } : { ok: true, spec, legacy };
}

/** The command line a block runs: canonical long names, values joined with `=` so none reads as a flag. */
export function specArgv(spec: BlockSpec): string[] {
  const options = spec.options.map((o) => (o.value === undefined ? `--${o.name}` : `--${o.name}=${o.value}`));
  return [spec.command, ...options, ...(spec.args.length > 0 ? ['--', ...spec.args] : [])];
}

function quote(value: string): string {
  return /^[A-Za-z0-9_.,:/+@%^-]+$/.test(value) && !value.includes('--')
    ? value
    : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The opening marker of a block in this form; undefined when a value holds "--", which no comment may. */
export function formatMarker(spec: BlockSpec): string | undefined {
  const parts = [
    'acu-evidence',
    spec.command,
    ...spec.args,
    ...spec.options.map((o) => (o.value === undefined ? o.name : `${o.name}=${quote(o.value)}`)),
    ...(spec.note === 'suffix' ? [] : [`note=${spec.note}`]),
  ];
  const body = parts.join(' ');
  return body.includes('--') ? undefined : `<!-- ${body} -->`;
}
