/**
 * Public API of the statistics core: pure functions, no I/O. Each export mirrors an R / metafor
 * function and is validated against it (tests/unit/stats, fixtures in tests/fixtures/metafor and
 * tests/fixtures/r).
 */
export type * from './types.js';
export { StatsConvergenceError, StatsInputError } from './errors.js';

export {
  betaCdf,
  betaQuantile,
  chiSquareCdf,
  chiSquareQuantile,
  chiSquareUpperTail,
  fUpperTail,
  normalCdf,
  normalQuantile,
  normalUpperTail,
  tCdf,
  tQuantile,
  tUpperTail,
  twoSidedNormalP,
  twoSidedTP,
} from './distributions.js';
export { clopperPearson, clopperPearsonUpper, wilson } from './intervals.js';

export { checkMeasure, escalc, estimableStudies, hedgesCorrection, isBinaryMeasure } from './effect-sizes.js';
export { isDoubleZero } from './zero-cells.js';
export { yiViFromReportedCI } from './reported-effects.js';
export {
  backTransform,
  backTransformPrediction,
  harmonicMean,
  transfExp,
  transfIarcsin,
  transfIlogit,
  transfIpft,
  transfIpftHm,
} from './back-transforms.js';

export { rma, testStatistic } from './rma.js';
export { predictInterval } from './prediction.js';
export { rmaMH } from './mantel-haenszel.js';
export { rmaPeto } from './peto.js';
export { metaRegression } from './meta-regression.js';
export { leaveOneOut } from './leave-one-out.js';
export { cumulative, stableOrder } from './cumulative.js';
export { subgroupAnalysis } from './subgroups.js';
export { eggerTest, eggerTestLm } from './egger.js';
export { cumulativeTables, leaveOneOutTables } from './tables-sequential.js';
export type { TablesModel, TablesSequentialFits } from './tables-sequential.js';
export { trimfill } from './trimfill.js';
export type { TrimfillEstimator, TrimfillOptions, TrimfillResult, TrimfillSide } from './trimfill.js';
export { rankTest } from './ranktest.js';
export type { RankTestResult } from './ranktest.js';
export { failsafeN } from './failsafe.js';
export type { FailsafeResult, FailsafeType } from './failsafe.js';
export {
  escalcChange,
  escalcCorrelation,
  escalcMeans,
  escalcRates,
  escalcROM,
} from './effect-sizes-more.js';
export type {
  ChangeMeasure,
  CorrelationMeasure,
  MeanMeasure,
  OneMean,
  PersonTime,
  PrePost,
  RateMeasure,
} from './effect-sizes-more.js';
