/**
 * The studies of a meta-analysis as columns: one typed array per number (yi, vi, CI, weight and
 * their back-transformed values) and one array per text, instead of one object per study. A
 * million studies as objects (boxed doubles, a nested `transformed` object) held about 280 MB and
 * kept the garbage collector busy; as columns they take about 70 MB. A study is made an object
 * (`row(i)`) only where a caller asks for one, and JSON sees the same array of objects as before.
 */

/** One study of a meta-analysis, as JSON prints it (field names follow metafor). */
export interface StudyRow {
  study_id: string;
  label: string;
  yi: number;
  vi: number;
  ci_lb: number;
  ci_ub: number;
  weight: number;
  basis: string;
  group: string | null;
  transformed: { estimate: number; ci_lb: number; ci_ub: number };
}

/** The columns of a StudyTable, parallel (index i is study i). */
export interface StudyColumns {
  study_id: readonly string[];
  label: readonly string[];
  yi: Float64Array;
  vi: Float64Array;
  ci_lb: Float64Array;
  ci_ub: Float64Array;
  weight: Float64Array;
  /** Back-transformed (`transformed` in JSON): the estimate and its CI on the scale people read. */
  estimate: Float64Array;
  estimate_ci_lb: Float64Array;
  estimate_ci_ub: Float64Array;
  basis: readonly string[];
  /** A subgroup per study, or null when there are no subgroups. */
  group: readonly (string | null)[] | null;
}

export class StudyTable implements StudyColumns {
  readonly study_id: readonly string[];
  readonly label: readonly string[];
  readonly yi: Float64Array;
  readonly vi: Float64Array;
  readonly ci_lb: Float64Array;
  readonly ci_ub: Float64Array;
  readonly weight: Float64Array;
  readonly estimate: Float64Array;
  readonly estimate_ci_lb: Float64Array;
  readonly estimate_ci_ub: Float64Array;
  readonly basis: readonly string[];
  readonly group: readonly (string | null)[] | null;

  constructor(columns: StudyColumns) {
    this.study_id = columns.study_id;
    this.label = columns.label;
    this.yi = columns.yi;
    this.vi = columns.vi;
    this.ci_lb = columns.ci_lb;
    this.ci_ub = columns.ci_ub;
    this.weight = columns.weight;
    this.estimate = columns.estimate;
    this.estimate_ci_lb = columns.estimate_ci_lb;
    this.estimate_ci_ub = columns.estimate_ci_ub;
    this.basis = columns.basis;
    this.group = columns.group;
  }

  get length(): number {
    return this.yi.length;
  }

  /** Study i as an object, in the field order of the JSON. */
  row(i: number): StudyRow {
    return {
      study_id: this.study_id[i] ?? '',
      label: this.label[i] ?? '',
      yi: this.yi[i] ?? NaN,
      vi: this.vi[i] ?? NaN,
      ci_lb: this.ci_lb[i] ?? NaN,
      ci_ub: this.ci_ub[i] ?? NaN,
      weight: this.weight[i] ?? NaN,
      basis: this.basis[i] ?? '',
      group: this.group?.[i] ?? null,
      transformed: {
        estimate: this.estimate[i] ?? NaN,
        ci_lb: this.estimate_ci_lb[i] ?? NaN,
        ci_ub: this.estimate_ci_ub[i] ?? NaN,
      },
    };
  }

  *[Symbol.iterator](): Generator<StudyRow> {
    for (let i = 0; i < this.length; i++) yield this.row(i);
  }

  map<T>(f: (s: StudyRow, i: number) => T): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(f(this.row(i), i));
    return out;
  }

  forEach(f: (s: StudyRow, i: number) => void): void {
    for (let i = 0; i < this.length; i++) f(this.row(i), i);
  }

  /** The same studies with other weights (RevMan's random-effects Mantel-Haenszel). */
  withWeights(weight: Float64Array): StudyTable {
    return new StudyTable({ ...this.columns(), weight });
  }

  private columns(): StudyColumns {
    return {
      study_id: this.study_id,
      label: this.label,
      yi: this.yi,
      vi: this.vi,
      ci_lb: this.ci_lb,
      ci_ub: this.ci_ub,
      weight: this.weight,
      estimate: this.estimate,
      estimate_ci_lb: this.estimate_ci_lb,
      estimate_ci_ub: this.estimate_ci_ub,
      basis: this.basis,
      group: this.group,
    };
  }

  /** JSON.stringify prints the studies as the array of objects it always printed. */
  toJSON(): StudyRow[] {
    return this.map((s) => s);
  }
}
