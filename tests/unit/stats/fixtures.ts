/** Typed access to the metafor fixtures (tests/fixtures/metafor/*.json) and their inputs. */
import { escalc } from '../../../src/core/stats/effect-sizes.js';
import type { EventCount, MeanSdPair, TwoByTwo } from '../../../src/core/stats/types.js';
import { loadFixture } from './helpers.js';

export type Num = number | null;

export interface Columns {
  [name: string]: number[] | string | undefined;
}

export interface Dataset {
  measure: string;
  input: Columns;
  yi: Num[];
  vi: Num[];
}

export interface ModelCase {
  dataset: string;
  method: 'FE' | 'DL' | 'REML' | 'ML' | 'PM';
  test: 'z' | 'knha';
  k: number;
  estimate: number;
  se: number;
  stat: number;
  pval: number;
  ci_lb: number;
  ci_ub: number;
  df: Num;
  tau2: number;
  I2: number;
  H2: number;
  QE: number;
  QE_df: number;
  QEp: number;
  s2: number;
  weights: number[];
  pi_lb: Num;
  pi_ub: Num;
  pi_t_lb?: number;
  pi_t_ub?: number;
  pi_riley_lb?: number;
  pi_riley_ub?: number;
  tau2_ci_lb?: number;
  tau2_ci_ub?: number;
  I2_ci_lb?: number;
  I2_ci_ub?: number;
  H2_ci_lb?: number;
  H2_ci_ub?: number;
  pred_bt?: number;
  ci_lb_bt?: number;
  ci_ub_bt?: number;
  pi_lb_bt?: number;
  pi_ub_bt?: number;
}

interface SequentialCase {
  kind: 'leave1out' | 'cumul';
  dataset: string;
  method: ModelCase['method'];
  test: ModelCase['test'];
  order_key?: number[];
  order?: number[];
  estimate: Num[];
  se: Num[];
  stat: Num[];
  pval: Num[];
  ci_lb: Num[];
  ci_ub: Num[];
  Q: Num[];
  Qp: Num[];
  tau2: Num[];
  I2: Num[];
  H2: Num[];
}

interface EggerCase {
  dataset: string;
  method: ModelCase['method'];
  test: ModelCase['test'];
  rma: {
    stat: number;
    pval: number;
    df: Num;
    slope: number;
    slope_se: number;
    limit_estimate: number;
    limit_ci_lb: number;
    limit_ci_ub: number;
    tau2: number;
  };
  lm: {
    tval: number;
    df: number;
    pval: number;
    intercept: number;
    slope: number;
    limit_estimate: number;
    limit_ci_lb: number;
    limit_ci_ub: number;
  };
}

interface SubgroupCase {
  dataset: string;
  groups_input: string[];
  method: ModelCase['method'];
  test: ModelCase['test'];
  groups: string[];
  fits: Omit<ModelCase, 'dataset'>[];
  Q_between_random: number;
  Q_between_random_df: number;
  Q_between_random_p: number;
  Q_between_fixed: number;
  Q_between_fixed_df: number;
  Q_between_fixed_p: number;
  QM: number;
  QM_df: number;
  QM_df2: Num;
  QMp: number;
  mods_tau2: number;
  mods_b: number[];
  mods_se: number[];
}

interface MetaRegressionCase {
  dataset: string;
  moderator: number[];
  method: ModelCase['method'];
  test: ModelCase['test'];
  b: number[];
  se: number[];
  stat: number[];
  pval: number[];
  ci_lb: number[];
  ci_ub: number[];
  tau2: number;
  I2: number;
  H2: number;
  QE: number;
  QE_df: number;
  QEp: number;
  QM: number;
  QM_df: number;
  QM_df2: Num;
  QMp: number;
}

export interface PooledCase {
  method: 'MH' | 'Peto';
  data: string;
  measure: 'RR' | 'OR' | 'RD';
  input: Columns;
  options: string;
  k: number;
  k_yi: number;
  estimate: number;
  se: number;
  zval: number;
  pval: number;
  ci_lb: number;
  ci_ub: number;
  QE: number;
  QE_df: number;
  QEp: number;
  I2: number;
  H2: number;
  yi: Num[];
  vi: Num[];
  weights: number[];
  CMH?: Num;
  CMHp?: Num;
  Tarone?: Num;
  Tarone_p?: Num;
}

interface ZeroCellCase {
  measure: string;
  to: string;
  add: Num;
  drop00: boolean;
  xi?: number[];
  ni?: number[];
  yi: Num[];
  vi: Num[];
}

export interface Extra {
  datasets: Record<string, Dataset>;
  models: ModelCase[];
  sequential: SequentialCase[];
  egger: EggerCase[];
  subgroups: SubgroupCase[];
  metaregression: MetaRegressionCase[];
  pooled_tables: PooledCase[];
  zero_cells: { tables: Columns; cases: ZeroCellCase[] };
  transforms: {
    x: number[];
    ni: number[];
    ipft_hm: Num[];
    ipft_n10: Num[];
    iarcsin: number[];
    ilogit: number[];
    ilogit_x: number[];
    hedges_m: number[];
    hedges_c: number[];
  };
  fisher_cycle: { yi: number[]; vi: number[]; default_fails: boolean; tau2: number; estimate: number; se: number };
  reported_ci: {
    scale: 'ratio' | 'difference';
    estimate: number;
    lower: number;
    upper: number;
    level: number;
    yi: number;
    sei: number;
  }[];
}

export const extra = loadFixture<Extra>('metafor/extra.json');
export const reference = loadFixture<Record<string, Record<string, unknown>>>('metafor/reference.json');

function col(input: Columns, name: string): number[] {
  const v = input[name];
  if (!Array.isArray(v)) throw new Error(`fixture input lacks column ${name}`);
  return v;
}

export function tablesFrom(input: Columns): TwoByTwo[] {
  const ai = input.ai !== undefined ? col(input, 'ai') : col(input, 'tpos');
  const bi = input.bi !== undefined ? col(input, 'bi') : col(input, 'tneg');
  const ci = input.ci !== undefined ? col(input, 'ci') : col(input, 'cpos');
  const di = input.di !== undefined ? col(input, 'di') : col(input, 'cneg');
  return ai.map((a, i) => ({ ai: a, bi: bi[i] ?? NaN, ci: ci[i] ?? NaN, di: di[i] ?? NaN }));
}

export function meanSdFrom(input: Columns): MeanSdPair[] {
  const m1 = col(input, 'm1i');
  return m1.map((m, i) => ({
    m1i: m,
    sd1i: col(input, 'sd1i')[i] ?? NaN,
    n1i: col(input, 'n1i')[i] ?? NaN,
    m2i: col(input, 'm2i')[i] ?? NaN,
    sd2i: col(input, 'sd2i')[i] ?? NaN,
    n2i: col(input, 'n2i')[i] ?? NaN,
  }));
}

export function countsFrom(input: Columns): EventCount[] {
  const xi = col(input, 'xi');
  return xi.map((x, i) => ({ xi: x, ni: col(input, 'ni')[i] ?? NaN }));
}

/** yi/vi of a fixture data set computed by our own escalc from the raw input (the full chain). */
export function yiviOf(dataset: Dataset): { yi: number[]; vi: number[]; ni?: number[] } {
  const m = dataset.measure;
  if (m === 'generic') return { yi: col(dataset.input, 'yi'), vi: col(dataset.input, 'vi') };
  if (m === 'RR' || m === 'OR' || m === 'RD') return escalc(m, tablesFrom(dataset.input));
  if (m === 'MD' || m === 'SMD') return escalc(m, meanSdFrom(dataset.input));
  const counts = countsFrom(dataset.input);
  return { ...escalc(m, counts), ni: counts.map((c) => c.ni) };
}

/** Only the studies with an estimate (metafor drops NA yi/vi before fitting). */
export function complete(d: { yi: number[]; vi: number[] }): { yi: number[]; vi: number[] } {
  const keep = d.yi.map((y, i) => Number.isFinite(y) && Number.isFinite(d.vi[i]));
  return { yi: d.yi.filter((_, i) => keep[i]), vi: d.vi.filter((_, i) => keep[i]) };
}

export function dataset(name: string): Dataset {
  const d = extra.datasets[name];
  if (d === undefined) throw new Error(`no data set ${name}`);
  return d;
}
