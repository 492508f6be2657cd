/**
 * Public API of the statistics core: pure functions, no I/O. Each export mirrors an R / metafor
 * function and is validated against it (tests/unit/stats, fixtures in tests/fixtures/metafor and
 * tests/fixtures/r).
 */
export type * from './types.js';
export { StatsInputError } from './errors.js';

export { normalQuantile } from './distributions.js';
export {
  escalc,
  escalcBinaryColumns,
  escalcMeansColumns,
  isBinaryMeasure,
  isContinuousMeasure,
} from './effect-sizes.js';
export { yiViFromReportedCI } from './reported-effects.js';
export { backTransform } from './back-transforms.js';

export { rma } from './rma.js';
export { predictInterval } from './prediction.js';
export { rmaMH } from './mantel-haenszel.js';
export { rmaPeto } from './peto.js';
export { metaRegression } from './meta-regression.js';
export { leaveOneOut } from './leave-one-out.js';
export { cumulative } from './cumulative.js';
export { subgroupAnalysis } from './subgroups.js';
export { eggerTest } from './egger.js';
export { cumulativeTables, leaveOneOutTables } from './tables-sequential.js';
export type { TablesModel, TablesSequentialFits } from './tables-sequential.js';
export { trimfill } from './trimfill.js';
export type { TrimfillEstimator, TrimfillSide } from './trimfill.js';
export { rankTest } from './ranktest.js';
export { failsafeN } from './failsafe.js';
export type { FailsafeResult } from './failsafe.js';
export { escalcChange, escalcCorrelation, escalcMeans, escalcRates, escalcROM } from './effect-sizes-more.js';
