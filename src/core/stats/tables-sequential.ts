/**
 * Leave-one-out and cumulative analyses of the 2×2-table methods, as metafor's `leave1out` and
 * `cumul` for `rma.mh` and `rma.peto`: each row refits the model (same measure, zero-cell options
 * and level) to a subset of the tables. A subset the method cannot estimate gives a row of NaN,
 * as metafor's rows of NA.
 */
import { StatsInputError } from './errors.js';
import { stableOrder } from './cumulative.js';
import { rmaMH } from './mantel-haenszel.js';
import { rmaPeto } from './peto.js';
import type { BinaryMeasure, MantelHaenszelOptions, PooledTablesResult, SequentialFits, TwoByTwo } from './types.js';

/** Which model to refit: Mantel-Haenszel for a measure, or Peto (OR). */
export interface TablesModel {
  readonly method: 'MH' | 'Peto';
  readonly measure: BinaryMeasure;
  readonly options?: MantelHaenszelOptions;
}

/** metafor's leave1out/cumul columns for rma.mh/rma.peto: no τ² (the models have none). */
export type TablesSequentialFits = Omit<SequentialFits, 'tau2'>;

/** The numbers of one refit's row; the fit itself (with its per-table arrays) is not kept. */
type TablesRow = Pick<
  PooledTablesResult,
  'estimate' | 'se' | 'zval' | 'pval' | 'ci_lb' | 'ci_ub' | 'QE' | 'QEp' | 'I2' | 'H2'
>;

function fitTables(tables: readonly TwoByTwo[], model: TablesModel): TablesRow | null {
  let r: PooledTablesResult;
  try {
    r = model.method === 'MH' ? rmaMH(tables, model.measure, model.options) : rmaPeto(tables, model.options);
  } catch (error) {
    if (error instanceof StatsInputError) return null;
    throw error;
  }
  const { estimate, se, zval, pval, ci_lb, ci_ub, QE, QEp, I2, H2 } = r;
  return { estimate, se, zval, pval, ci_lb, ci_ub, QE, QEp, I2, H2 };
}

function collect(fits: readonly (TablesRow | null)[]): TablesSequentialFits {
  const col = (f: (r: TablesRow) => number) => fits.map((r) => (r === null ? Number.NaN : f(r)));
  return {
    estimate: col((r) => r.estimate),
    se: col((r) => r.se),
    zval: col((r) => r.zval),
    pval: col((r) => r.pval),
    ci_lb: col((r) => r.ci_lb),
    ci_ub: col((r) => r.ci_ub),
    Q: col((r) => r.QE),
    Qp: col((r) => r.QEp),
    I2: col((r) => r.I2),
    H2: col((r) => r.H2),
  };
}

/** Refit without each table in turn; row i = table i omitted (metafor `leave1out.rma.mh/.rma.peto`). */
export function leaveOneOutTables(tables: readonly TwoByTwo[], model: TablesModel): TablesSequentialFits {
  if (tables.length < 2) throw new StatsInputError('leave-one-out needs k >= 2');
  return collect(
    tables.map((_, omit) =>
      fitTables(
        tables.filter((__, i) => i !== omit),
        model,
      ),
    ),
  );
}

/** Fit the first 1, 2, ..., k tables in the order of `order` (metafor `cumul.rma.mh/.rma.peto`). */
export function cumulativeTables(
  tables: readonly TwoByTwo[],
  model: TablesModel,
  order?: readonly number[],
): TablesSequentialFits & { order: number[] } {
  if (order !== undefined && order.length !== tables.length)
    throw new StatsInputError(`order has ${order.length} keys for ${tables.length} studies`);
  const sorted = order === undefined ? tables.map((_, i) => i) : stableOrder(order);
  const inOrder = sorted.map((i) => tables[i] as TwoByTwo);
  return { order: sorted, ...collect(inOrder.map((_, j) => fitTables(inOrder.slice(0, j + 1), model))) };
}
