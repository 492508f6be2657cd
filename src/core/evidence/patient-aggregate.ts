/**
 * Two-stage individual patient data (IPD), first stage: rows of the patient-records table are typed
 * one at a time and folded into one accumulator per study (and time point) and arm, never held. The
 * result is ordinary outcomes rows (n, mean and SD of the continuous outcome per arm; events/n of
 * adverse_event) and adverse-events rows (per arm), which meta, outcomes and adverse-events use like
 * any others. Missing values: a patient without the continuous outcome (no follow-up, or no baseline
 * for the change) is left out of that outcome only; one without adverse_event is left out of its counts
 * only; both are counted in the row's note and in one note per file.
 */
import type { Problem } from '../../errors.js';
import { visibleLine } from '../text/controls.js';
import { describeInvisible, INVISIBLE_CHARACTER, showInvisible } from '../text/invisible.js';
import { didYouMean } from '../text/suggest.js';
import { derivedKeys } from './dataset.js';
import { isOwnColumn } from './own-columns.js';
import { columnOf } from './schema/index.js';
import { ADVERSE_EVENTS } from './schema/tables/adverse-events.js';
import { OUTCOMES } from './schema/tables/outcomes.js';
import { PATIENT_RECORDS } from './schema/tables/patient-records.js';
import type { Table } from './schema/types.js';
import type { Cell, Origin, Row } from './table.js';
import { recogniseTable, typeCell, type RawRecord, type TypedFile } from './validate.js';
import { RunningMoments } from '../stats/running-moments.js';

/** change: follow-up minus baseline (or the change column); followup: the follow-up score. */
export type PatientOutcome = 'change' | 'followup';

export interface PatientOptions {
  outcome?: PatientOutcome;
  /** Which outcomes rows to make: the continuous outcome, the adverse-event 2×2 tables, or both (default). */
  rows?: 'continuous' | 'binary' | 'both';
  /** Whether to make the adverse-events rows (per arm) too; default yes. */
  adverseEvents?: boolean;
}

export interface PatientAggregate {
  files: TypedFile[];
  problems: Problem[];
  notes: string[];
  /** Patient rows read (the header not counted). */
  patients: number;
}

/** Beyond this many problems in one file only a count is kept: a bad 10^7-row file must not fill memory. */
const KEPT_PROBLEMS = 10_000;

const OUTCOME_NAME: Record<PatientOutcome, string> = {
  change: 'change from baseline',
  followup: 'follow-up score',
};

/** Whether a header (trimmed cells) is the patient-records table's. */
export function isPatientHeader(cells: readonly string[]): boolean {
  const recognition = recogniseTable(cells.map((c) => c.trim()));
  return 'table' in recognition && recognition.table === PATIENT_RECORDS;
}

/**
 * One arm's counts and the one-pass mean and SD of its outcome: Welford's update (Welford 1962;
 * Knuth, TAOCP vol. 2, 4.2.2), by core/stats/running-moments.ts, with its sum of squared
 * deviations open so that the WebAssembly reader (io/patient-scan.wat, the same update in the same
 * order) can carry an arm on and hand it back (loadArms, storeArms).
 */
class Arm extends RunningMoments {
  // n, mean and m2 (RunningMoments): the patients with the outcome, their mean, and the sum of
  // squared deviations from it.
  events = 0;
  /** Patients whose adverse_event is filled. */
  exposed = 0;
  patients = 0;
  missingOutcome = 0;
  missingEvent = 0;
}

/** The arms of a study with no row yet. */
const EMPTY_ARM: Readonly<Arm> = new Arm();

function loadArm(a: Readonly<Arm>, reals: Float64Array, at: number, counts: Int32Array, c: number): void {
  reals[at] = a.n;
  reals[at + 1] = a.mean;
  reals[at + 2] = a.m2;
  counts[c] = a.patients;
  counts[c + 1] = a.missingOutcome;
  counts[c + 2] = a.exposed;
  counts[c + 3] = a.events;
  counts[c + 4] = a.missingEvent;
}

function storeArm(a: Arm, reals: Float64Array, at: number, counts: Int32Array, c: number): void {
  a.n = reals[at] as number;
  a.mean = reals[at + 1] as number;
  a.m2 = reals[at + 2] as number;
  a.patients = counts[c] as number;
  a.missingOutcome = counts[c + 1] as number;
  a.exposed = counts[c + 2] as number;
  a.events = counts[c + 3] as number;
  a.missingEvent = counts[c + 4] as number;
}

class Group {
  readonly treatment = new Arm();
  readonly control = new Arm();
  lastLine = 0;
  /** Made on the first source: most files have no source column, and 10^5 studies need no empty sets. */
  sources: Set<string> | undefined;
  constructor(
    readonly studyId: string,
    readonly weeks: number | null,
    readonly firstLine: number,
  ) {}
}

const MAX_SOURCES = 5;

/** The columns aggregated; patient_id, seen_at and note are text, checked by nothing else, and not carried. */
const READ = [
  'study_id',
  'arm',
  'baseline',
  'followup',
  'change',
  'adverse_event',
  'timepoint_weeks',
  'source',
] as const;

/** Digits with an optional fraction: read by Number() as typeCell would, without its trim and checks. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** The cells finish writes, of the outcomes and adverse-events rows (the rows have no others). */
const WRITTEN = new Set([
  'study_id',
  'comparison',
  'arm_treatment',
  'arm_control',
  'timepoint',
  'timepoint_weeks',
  'source',
  'outcome',
  'mean_treatment',
  'sd_treatment',
  'n_treatment',
  'mean_control',
  'sd_control',
  'n_control',
  'events_treatment',
  'events_control',
  'note',
  'arm',
  'event',
  'patients_with_event',
  'patients_exposed',
]);

const BLANK = new WeakMap<Table, Record<string, Cell>>();

function blankRow(table: Table): Record<string, Cell> {
  let blank = BLANK.get(table);
  if (!blank) {
    // As typeFile's rows: the columns these rows fill (readers take an absent column as empty), in
    // the table's order, then enrich's slots, so that it fills the rows in place rather than copying
    // each into a new shape. (Every column of the table would double a row's size and the GC's work.)
    const slots = derivedKeys(table).filter((name) => !columnOf(table, name));
    const filled = table.columns.map((c) => c.name).filter((name) => WRITTEN.has(name));
    blank = Object.fromEntries([...filled, ...slots].map((name) => [name, null]));
    BLANK.set(table, blank);
  }
  return blank;
}

export class PatientAggregator {
  private readonly problems: Problem[] = [];
  private moreProblems = 0;
  private readonly groups = new Map<string, Group>();
  private patients = 0;
  private readonly header: readonly string[];
  private readonly at: Record<string, number> = {};
  /** Index of each column the aggregation reads (-1 when the file lacks it). */
  private readonly ix: Record<(typeof READ)[number], number>;
  /** The group of the previous row: files usually list a study's patients together. */
  private last: Group | undefined;
  private readonly outcome: PatientOutcome;

  constructor(
    private readonly file: string,
    headerRecord: RawRecord,
    private readonly options: PatientOptions = {},
  ) {
    this.outcome = options.outcome ?? 'change';
    this.header = headerRecord.cells.map((c) => c.trim());
    const names = PATIENT_RECORDS.columns.map((c) => c.name);
    const seen = new Set<string>();
    this.header.forEach((name, i) => {
      const where = { file, line: headerRecord.line, column: headerRecord.columns[i] ?? 1 };
      if (name === '') this.problem({ ...where, message: `header cell ${i + 1} is empty` });
      else if (seen.has(name)) this.problem({ ...where, message: `column "${name}" appears twice in the header` });
      else if (!columnOf(PATIENT_RECORDS, name) && !isOwnColumn(name))
        this.problem({
          ...where,
          message: `unknown column "${name.slice(0, 60)}" for table patient-records${didYouMean(name, names)}; columns are ${names.join(', ')} (a column of your own is named x_...)`,
        });
      seen.add(name);
      this.at[name] = i;
    });
    this.ix = Object.fromEntries(READ.map((name) => [name, this.at[name] ?? -1])) as Record<
      (typeof READ)[number],
      number
    >;
  }

  private problem(p: Problem): void {
    if (this.problems.length < KEPT_PROBLEMS) this.problems.push(p);
    else this.moreProblems++;
  }

  /** Whether the header is usable (no rows are read otherwise). */
  get headerOk(): boolean {
    return this.problems.length === 0;
  }

  /** Types one record (its line numbers shifted by `lineOffset`) and adds it to its study arm. */
  add(record: RawRecord, lineOffset = 0): void {
    this.addCells(record.line + lineOffset, record.cells, record.columns);
  }

  /**
   * The same for a record's cells on `line`; without `columns` (a line with no quotes, split on
   * commas) a cell's column is counted from the cells before it, only when a message needs it.
   */
  addCells(line: number, cells: readonly string[], columns?: readonly number[]): void {
    if (cells.length !== this.header.length) {
      this.problem({
        file: this.file,
        line,
        column: 1,
        message: `row has ${cells.length} fields but the header has ${this.header.length}`,
      });
      return;
    }
    this.patients++;
    const ix = this.ix;
    let ok = true;
    const fail = (i: number, field: string, message: string, offset = 0) => {
      let column = columns?.[i];
      if (column === undefined) {
        column = 1;
        for (let j = 0; j < i; j++) column += (cells[j] ?? '').length + 1;
      }
      this.problem({ file: this.file, line, column: column + offset, field, message });
      ok = false;
    };
    // The usual cells are typed here; anything else (spaces, errors) by typeCell, as in every table.
    const slow = (i: number, name: string): Cell => {
      const column = columnOf(PATIENT_RECORDS, name);
      const typed = column ? typeCell(column, cells[i] ?? '') : { value: null };
      if ('error' in typed) {
        fail(i, name, typed.error);
        return null;
      }
      return typed.value;
    };
    const num = (i: number, name: string): Cell => {
      if (i < 0) return null;
      const raw = cells[i] ?? '';
      if (raw === '') return null;
      if (PLAIN_NUMBER.test(raw)) {
        const v = Number(raw);
        if (Number.isFinite(v)) return v;
      }
      return slow(i, name);
    };
    const text = (i: number, name: string, required: boolean): Cell => {
      if (i < 0) return null;
      const value = (cells[i] ?? '').trim();
      if (value !== '') return value;
      if (required) fail(i, name, `empty; ${name} is required on every row`);
      return null;
    };
    let study = text(ix.study_id, 'study_id', true);
    if (typeof study === 'string') {
      const raw = cells[ix.study_id] ?? '';
      const invisible = INVISIBLE_CHARACTER.exec(raw);
      if (invisible) {
        fail(
          ix.study_id,
          'study_id',
          `invisible character ${describeInvisible(invisible[0])} in "${visibleLine(showInvisible(study)).slice(0, 60)}"; remove it (ids that look the same must be the same id)`,
          invisible.index,
        );
        study = null;
      }
    }
    const armRaw = cells[ix.arm] ?? '';
    const arm: Cell = armRaw === 'treatment' || armRaw === 'control' ? armRaw : slow(ix.arm, 'arm');
    if (arm === null && ok) fail(ix.arm, 'arm', 'empty; arm is required on every row');
    const baseline = num(ix.baseline, 'baseline');
    const followup = num(ix.followup, 'followup');
    const change = num(ix.change, 'change');
    const eventRaw = ix.adverse_event < 0 ? '' : (cells[ix.adverse_event] ?? '');
    const event: Cell =
      eventRaw === 'yes'
        ? true
        : eventRaw === 'no'
          ? false
          : eventRaw === ''
            ? null
            : slow(ix.adverse_event, 'adverse_event');
    const weeks = num(ix.timepoint_weeks, 'timepoint_weeks');
    // As everywhere: a file that has a source column fills it on every row.
    const source = text(ix.source, 'source', true);
    if (!ok || typeof study !== 'string' || (arm !== 'treatment' && arm !== 'control')) return;

    this.accumulate(line, study, arm === 'treatment', baseline, followup, change, event, weeks, source);
  }

  /** Fields per record. */
  get width(): number {
    return this.header.length;
  }

  /** Index of a column in the header, -1 when absent (for a reader that types cells itself). */
  indexOf(name: (typeof READ)[number]): number {
    return this.ix[name];
  }

  /** Counts a patient typed by the reader (its cells are then known to be valid): see addCells. */
  countPatient(): void {
    this.patients++;
  }

  /**
   * The byte reader's narrow form of accumulate, without boxed numbers or nulls: the outcome value
   * (NaN when missing, already the change or the follow-up as `outcome` asks) and the event as 1, 0
   * or -1 (missing).
   */
  addPlain(line: number, study: string, treated: boolean, value: number, event: number): void {
    let group = this.last;
    if (group === undefined || group.studyId !== study || group.weeks !== null) group = this.groupOf(line, study, null);
    group.lastLine = line;
    const a = treated ? group.treatment : group.control;
    a.patients++;
    if (value === value) a.add(value);
    else a.missingOutcome++;
    if (event >= 0) {
      a.exposed++;
      a.events += event;
    } else a.missingEvent++;
  }

  /** The group addPlain would add `study`'s next row to, without making one. */
  private current(study: string): Group | undefined {
    const group = this.last;
    return group !== undefined && group.studyId === study && group.weeks === null ? group : this.groups.get(study);
  }

  /**
   * For a reader that adds rows of one study itself (io/patient-scan.ts): the state of the study's
   * two arms, treatment then control, into `reals` from `at` (n, mean, m2 of each) and `counts` from
   * `countsAt` (patients, missing outcome, exposed, events, missing event of each); zeros when the
   * study has no row yet.
   */
  loadArms(study: string, reals: Float64Array, at: number, counts: Int32Array, countsAt: number): void {
    const group = this.current(study);
    loadArm(group?.treatment ?? EMPTY_ARM, reals, at, counts, countsAt);
    loadArm(group?.control ?? EMPTY_ARM, reals, at + 3, counts, countsAt + 5);
  }

  /** The state back, after `rows` rows of `study` from line `first` on: as addPlain row by row leaves it. */
  storeArms(
    study: string,
    first: number,
    rows: number,
    reals: Float64Array,
    at: number,
    counts: Int32Array,
    countsAt: number,
  ): void {
    const group = this.current(study) ?? this.groupOf(first, study, null);
    this.last = group;
    group.lastLine = first + rows - 1;
    this.patients += rows;
    storeArm(group.treatment, reals, at, counts, countsAt);
    storeArm(group.control, reals, at + 3, counts, countsAt + 5);
  }

  /** Which outcome the continuous rows hold. */
  get outcomeKind(): PatientOutcome {
    return this.outcome;
  }

  private groupOf(line: number, study: string, weeks: Cell): Group {
    const key = weeks === null ? study : `${study}\u0000${String(weeks)}`;
    let group = this.groups.get(key);
    if (!group) {
      group = new Group(study, typeof weeks === 'number' ? weeks : null, line);
      this.groups.set(key, group);
    }
    this.last = group;
    return group;
  }

  /** Adds one typed patient to its study arm. */
  accumulate(
    line: number,
    study: string,
    treated: boolean,
    baseline: Cell,
    followup: Cell,
    change: Cell,
    event: Cell,
    weeks: Cell = null,
    source: Cell = null,
  ): void {
    let group = this.last;
    if (group === undefined || group.studyId !== study || group.weeks !== weeks)
      group = this.groupOf(line, study, weeks);
    group.lastLine = line;
    if (typeof source === 'string') {
      const sources = (group.sources ??= new Set());
      if (sources.size < MAX_SOURCES) sources.add(source);
    }
    const a = treated ? group.treatment : group.control;
    a.patients++;
    const value =
      this.outcome === 'followup'
        ? followup
        : typeof baseline === 'number' && typeof followup === 'number'
          ? followup - baseline
          : change;
    if (typeof value === 'number') a.add(value);
    else a.missingOutcome++;
    if (typeof event === 'boolean') {
      a.exposed++;
      if (event) a.events++;
    } else a.missingEvent++;
  }

  /** The outcomes and adverse-events rows, with the problems found and one note for the file. */
  finish(): PatientAggregate {
    const problems = [...this.problems];
    if (this.moreProblems > 0)
      problems.push({
        file: this.file,
        count: this.moreProblems,
        message: `…and ${this.moreProblems} more problems (not kept)`,
      });
    if (problems.length > 0) return { files: [], problems, notes: [], patients: this.patients };

    const rows = this.options.rows ?? 'both';
    const outcomeName = OUTCOME_NAME[this.outcome];
    const outcomeRows: Row[] = [];
    const outcomeOrigins: Origin[] = [];
    const aeRows: Row[] = [];
    const aeOrigins: Origin[] = [];
    let missingOutcome = 0;
    let missingEvent = 0;
    /** Problems only the finished arms show: an overflowing SD, SD 0 in both arms of a study to pool. */
    const late: Problem[] = [];
    // Rows are copies of one template each, filled by plain stores: one compact shape for 10^5
    // studies (spreads of a template and then of the common cells cost several µs a row).
    const outcomeBlank = blankRow(OUTCOMES);
    const aeBlank = blankRow(ADVERSE_EVENTS);
    const left = (what: string, nt: number, nc: number) =>
      nt + nc === 0 ? '' : `; without ${what}, left out: ${nt} treatment, ${nc} control`;
    const continuousNote = `a ${outcomeName}`;
    for (const g of this.groups.values()) {
      const { treatment: t, control: c } = g;
      missingOutcome += t.missingOutcome + c.missingOutcome;
      missingEvent += t.missingEvent + c.missingEvent;
      const origin: Origin = { file: this.file, line: g.firstLine };
      const lines = g.firstLine === g.lastLine ? `line ${g.firstLine}` : `lines ${g.firstLine}–${g.lastLine}`;
      const from = `aggregated from ${t.patients + c.patients} patient rows (${lines})`;
      const timepoint = g.weeks === null ? null : `${g.weeks} weeks`;
      const source = g.sources !== undefined && g.sources.size > 0 ? [...g.sources].join('; ') : null;
      const common = (row: Record<string, Cell>) => {
        row['study_id'] = g.studyId;
        row['comparison'] = 'treatment vs control';
        row['arm_treatment'] = 'treatment';
        row['arm_control'] = 'control';
        row['timepoint'] = timepoint;
        row['timepoint_weeks'] = g.weeks;
        row['source'] = source;
        return row;
      };
      if (rows !== 'binary' && t.n + c.n > 0) {
        const tn = t.n;
        const cn = c.n;
        const tMean = tn === 0 ? null : t.mean;
        const tSd = tn === 0 ? null : t.sd();
        const cMean = cn === 0 ? null : c.mean;
        const cSd = cn === 0 ? null : c.sd();
        const overflows = (mean: number | null, sd: number | null) =>
          (mean !== null && !Number.isFinite(mean)) || Number.isNaN(sd ?? 0) || sd === Infinity;
        if (overflows(tMean, tSd) || overflows(cMean, cSd))
          late.push({
            file: this.file,
            line: g.firstLine,
            message: `study ${g.studyId} (${lines}): the ${outcomeName} overflows (its mean or SD cannot be held within ±1.8e308); check the values`,
          });
        else if (rows === 'continuous' && tSd === 0 && cSd === 0)
          late.push({
            file: this.file,
            line: g.firstLine,
            message: `study ${g.studyId} (${lines}): the ${outcomeName} has SD 0 in both arms (every patient of an arm has the same value), so no effect size can be estimated; check the values`,
          });
        const row = common({ ...outcomeBlank });
        row['outcome'] = outcomeName;
        row['mean_treatment'] = tMean;
        row['sd_treatment'] = tSd;
        row['n_treatment'] = tn === 0 ? null : tn;
        row['mean_control'] = cMean;
        row['sd_control'] = cSd;
        row['n_control'] = cn === 0 ? null : cn;
        row['note'] = `${from}${left(continuousNote, t.missingOutcome, c.missingOutcome)}`;
        outcomeRows.push(row);
        outcomeOrigins.push(origin);
      }
      if (rows !== 'continuous' && t.exposed + c.exposed > 0) {
        const row = common({ ...outcomeBlank });
        row['outcome'] = 'adverse event (any)';
        row['events_treatment'] = t.exposed > 0 ? t.events : null;
        row['n_treatment'] = t.exposed > 0 ? t.exposed : null;
        row['events_control'] = c.exposed > 0 ? c.events : null;
        row['n_control'] = c.exposed > 0 ? c.exposed : null;
        row['note'] = `${from}${left('adverse_event', t.missingEvent, c.missingEvent)}`;
        outcomeRows.push(row);
        outcomeOrigins.push(origin);
      }
      if (this.options.adverseEvents === false) continue;
      for (const a of [t, c]) {
        if (a.exposed === 0) continue;
        const row: Record<string, Cell> = { ...aeBlank };
        row['study_id'] = g.studyId;
        row['arm'] = a === t ? 'treatment' : 'control';
        row['event'] = 'any';
        row['patients_with_event'] = a.events;
        row['patients_exposed'] = a.exposed;
        row['source'] = source;
        row['note'] =
          `aggregated from ${a.patients} patient rows (${lines})${a.missingEvent > 0 ? `; without adverse_event, left out: ${a.missingEvent}` : ''}`;
        aeRows.push(row);
        aeOrigins.push(origin);
      }
    }
    const what = rows === 'binary' ? outcomeRows : outcomeRows.filter((r) => r.outcome === outcomeName);
    // Rows asked for (by meta's measure) and none made: say why, rather than "no outcomes table".
    if (rows !== 'both' && what.length === 0 && late.length === 0)
      late.push({
        file: this.file,
        message:
          this.patients === 0
            ? 'no patient rows (the file has a header only): nothing to pool'
            : rows === 'binary'
              ? this.ix.adverse_event < 0
                ? 'the file has no adverse_event column: no adverse-event counts to pool'
                : `no patient of the ${this.patients} has an adverse_event (yes or no): nothing to pool`
              : `no patient of the ${this.patients} has a ${outcomeName} (${this.outcome === 'followup' ? 'a followup' : 'a followup and a baseline, or a change'}): nothing to pool`,
      });
    if (late.length > 0) return { files: [], problems: late, notes: [], patients: this.patients };
    const files: TypedFile[] = [];
    const present = (list: Row[]) => Object.keys(list[0] ?? {}).filter((k) => list.some((r) => r[k] !== null));
    if (outcomeRows.length > 0)
      files.push({
        table: OUTCOMES,
        file: this.file,
        columns: present(outcomeRows),
        rows: outcomeRows,
        origins: outcomeOrigins,
      });
    if (aeRows.length > 0)
      files.push({
        table: ADVERSE_EVENTS,
        file: this.file,
        columns: present(aeRows),
        rows: aeRows,
        origins: aeOrigins,
      });
    const parts = [
      `${this.file}: ${this.patients} patient rows aggregated per study and arm (${this.groups.size} ${this.groups.size === 1 ? 'study' : 'studies'}${this.groups.size > new Set([...this.groups.values()].map((g) => g.studyId)).size ? ' and time points' : ''})`,
    ];
    // Only of the rows made: no word of adverse events when the file has no such column or they are not asked for.
    if (missingOutcome > 0 && rows !== 'binary')
      parts.push(`${missingOutcome} without a ${outcomeName} left out of it`);
    if (missingEvent > 0 && rows !== 'continuous' && this.ix.adverse_event >= 0)
      parts.push(`${missingEvent} without adverse_event left out of its counts`);
    return { files, problems: [], notes: [parts.join('; ')], patients: this.patients };
  }
}
