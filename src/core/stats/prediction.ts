/**
 * Prediction intervals for the true effect in a new study (metafor `predict.rma`), with the
 * t-based variants used by other software made explicit.
 */
import { normalQuantile, tQuantile } from './distributions.js';
import type { Prediction, PredictionIntervalType, Tau2Method, TestType } from './types.js';

/** The parts of a fitted intercept-only model a prediction needs. */
export interface PredictableModel {
  readonly k: number;
  readonly method: Tau2Method;
  readonly test: TestType;
  readonly level: number;
  readonly estimate: number;
  readonly se: number;
  readonly tau2: number;
}

function quantile(level: number, df: number | null): number {
  const p = 1 - (1 - level) / 2;
  return df === null ? normalQuantile(p) : tQuantile(p, df);
}

/**
 * Degrees of freedom of the PI quantile (null = normal). With p = 1 coefficient and
 * parms = p + 1 estimated parameters under random effects (p under FE):
 * default → the model's own (null for z, k − p for knha); 't' → k − p; 'riley' → k − parms;
 * anything below 1 becomes 1, as in metafor.
 */
function predictionDf(
  model: Pick<PredictableModel, 'k' | 'method' | 'test'>,
  piType: PredictionIntervalType,
): number | null {
  const p = 1;
  const parms = model.method === 'FE' ? p : p + 1;
  if (piType === 'default') return model.test === 'knha' ? model.k - p : null;
  const df = piType === 't' ? model.k - p : model.k - parms;
  return Math.max(1, df);
}

/** pred ± crit·√(se² + τ²), and the CI of the pooled effect (metafor `predict.rma`). */
export function predictInterval(model: PredictableModel, piType: PredictionIntervalType = 'default'): Prediction {
  const ciDf = model.test === 'knha' ? model.k - 1 : null;
  const ciCrit = quantile(model.level, ciDf);
  const piDf = predictionDf(model, piType);
  const piCrit = quantile(model.level, piDf);
  const piHalf = piCrit * Math.sqrt(model.se * model.se + model.tau2);
  return {
    pred: model.estimate,
    se: model.se,
    ci_lb: model.estimate - ciCrit * model.se,
    ci_ub: model.estimate + ciCrit * model.se,
    pi_lb: model.estimate - piHalf,
    pi_ub: model.estimate + piHalf,
    pi_type: piType,
    pi_df: piDf,
  };
}
