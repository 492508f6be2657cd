/** Typed access to tests/fixtures/metafor/issue17.json (made by issue17.R with metafor). */
import type { BinaryMeasure } from '../../../src/core/stats/types.js';
import type { Columns, Num } from './fixtures.js';
import { loadFixture } from './helpers.js';

interface TablesSequentialCase {
  method: 'MH' | 'Peto';
  measure: BinaryMeasure;
  data: string;
  kind: 'leave1out' | 'cumul';
  input: Columns;
  year: number[];
  order?: number[];
  estimate: Num[];
  se: Num[];
  zval: Num[];
  pval: Num[];
  ci_lb: Num[];
  ci_ub: Num[];
  Q: Num[];
  Qp: Num[];
  I2: Num[];
  H2: Num[];
}

export interface MetaRegressionFixture {
  data: string;
  mods: string;
  method: 'FE' | 'ML' | 'REML' | 'DL' | 'PM';
  test: 'z' | 'knha';
  coef_names: string[];
  b: number[];
  se: number[];
  zval: number[];
  pval: number[];
  ci_lb: number[];
  ci_ub: number[];
  df?: number;
  QM: number;
  QMdf: Num[];
  QMp: number;
  QE: number;
  QE_df: number;
  QEp: number;
  tau2: number;
  I2: number;
  H2: number;
  R2?: number;
  k: number;
  p: number;
}

interface TrimfillFixture {
  data: string;
  method: 'FE' | 'REML' | 'DL';
  estimator: 'L0' | 'R0';
  k0: number;
  se_k0: number;
  side: 'left' | 'right';
  p_k0?: number;
  k: number;
  estimate: number;
  se: number;
  zval: number;
  pval: number;
  ci_lb: number;
  ci_ub: number;
  tau2: number;
  QE: number;
  QEp: number;
  I2: number;
  H2: number;
  yi_filled: number[];
  vi_filled: number[];
}

interface MeasureFixture {
  name: string;
  measure: string;
  input: Columns;
  yi: number[];
  vi: number[];
  REML: {
    estimate: number;
    se: number;
    ci_lb: number;
    ci_ub: number;
    tau2: number;
    pred_bt: number;
    ci_lb_bt: number;
    ci_ub_bt: number;
  };
}

export interface Issue17 {
  measures: MeasureFixture[];
  _meta: { R: string; metafor: string; metadat: string };
  tables_sequential: TablesSequentialCase[];
  mods_input: { yi: number[]; vi: number[]; ablat: number[]; year: number[]; alloc: string[]; trial: number[] };
  metaregression: MetaRegressionFixture[];
  bias_input: Record<string, { yi: number[]; vi: number[] }>;
  trimfill: TrimfillFixture[];
  ranktest: { data: string; tau: number; pval: number; yi?: number[]; vi?: number[] }[];
  failsafe: {
    data: string;
    type: 'Rosenthal' | 'Orwin' | 'Rosenberg';
    fsnum: number;
    alpha: number;
    pval?: number;
    meanes?: number;
    target?: number;
  }[];
}

export const issue17 = loadFixture<Issue17>('metafor/issue17.json');
