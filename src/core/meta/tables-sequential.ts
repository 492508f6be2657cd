/**
 * Leave-one-out and cumulative rows for the Mantel-Haenszel and Peto models of a meta-analysis
 * (metafor `leave1out` / `cumul` of `rma.mh` and `rma.peto`), in the MetaResult's shape.
 */
import type { MetaOptions, MetaResult } from './analysis.js';
import { sequentialRows } from './analysis.js';
import type { StudyEffect } from './input.js';
import {
  StatsInputError,
  cumulativeTables,
  isBinaryMeasure,
  leaveOneOutTables,
  type TablesModel,
  type TwoByTwo,
} from '../stats/index.js';

export function tablesSequential(
  effects: readonly StudyEffect[],
  tables: readonly TwoByTwo[],
  options: MetaOptions,
): Pick<MetaResult, 'leave_one_out' | 'cumulative'> {
  if (!options.leaveOneOut && !options.cumulativeOrder) return { leave_one_out: null, cumulative: null };
  if ((options.method !== 'MH' && options.method !== 'Peto') || !isBinaryMeasure(options.measure))
    throw new StatsInputError('leave-one-out and cumulative tables need --method MH or Peto with RR, OR or RD');
  const zero = options.zero ?? {};
  const model: TablesModel = {
    method: options.method,
    measure: options.measure,
    options: {
      level: options.level,
      ...(zero.add === undefined ? {} : { add: zero.add }),
      ...(zero.to === undefined ? {} : { to: zero.to }),
      ...(zero.drop00 === undefined ? {} : { drop00: zero.drop00 }),
    },
  };
  const label = (i: number) => effects[i]?.label ?? '';
  // rma.mh and rma.peto Q has k_yi − 1 df, so I² from Q is already what the fits report.
  const qDf = () => 0;
  const noQBasis = { ...options, i2: 'tau2' as const };
  let leave: MetaResult['leave_one_out'] = null;
  if (options.leaveOneOut) {
    if (tables.length < 2) throw new StatsInputError('--leave-one-out needs at least 2 studies');
    leave = sequentialRows(leaveOneOutTables(tables, model), noQBasis, undefined, qDf).map((row, i) => ({
      omitted: label(i),
      ...row,
    }));
  }
  let cumul: MetaResult['cumulative'] = null;
  if (options.cumulativeOrder) {
    const fits = cumulativeTables(tables, model, options.cumulativeOrder);
    cumul = sequentialRows(fits, noQBasis, undefined, qDf).map((row, j) => ({
      added: label(fits.order[j] ?? 0),
      ...row,
    }));
  }
  return { leave_one_out: leave, cumulative: cumul };
}
