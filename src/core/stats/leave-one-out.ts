/**
 * Leave-one-out sensitivity analysis (metafor `leave1out.rma.uni`).
 */
import { StatsInputError } from './errors.js';
import { toStudyData } from './inverse-variance.js';
import { fitRma, resolveRmaOptions } from './rma.js';
import { collectFits, pick, summarise } from './sequential-fits.js';
import type { RmaOptions, SequentialFits } from './types.js';

/** Refit the model without each study in turn; row i = study i omitted (metafor `leave1out`). */
export function leaveOneOut(yi: ArrayLike<number>, vi: ArrayLike<number>, options: RmaOptions = {}): SequentialFits {
  const data = toStudyData(yi, vi);
  if (data.k < 2) throw new StatsInputError('leave-one-out needs k >= 2');
  // The τ² CI is not part of leave1out's output; skipping it saves the root finding.
  const opts = { ...resolveRmaOptions(options), tau2CI: false };
  const all = Array.from({ length: data.k }, (_, i) => i);
  const fits = all.map((omit) => {
    const rest = pick(
      data,
      all.filter((i) => i !== omit),
    );
    return summarise(fitRma(toStudyData(rest.yi, rest.vi), opts));
  });
  return collectFits(fits);
}
