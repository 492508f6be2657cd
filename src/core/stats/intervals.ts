/**
 * Confidence intervals for a single binomial proportion, matching R's `prop.test` (Wilson) and
 * `binom.test` (Clopper-Pearson).
 */
import { betaQuantile, normalQuantile } from './distributions.js';
import { StatsInputError } from './errors.js';
import type { ClopperPearsonOptions, ProportionInterval } from './types.js';

function checkCounts(x: number, n: number, level: number): void {
  if (!Number.isInteger(n) || n < 1) throw new StatsInputError(`n must be an integer >= 1, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n)
    throw new StatsInputError(`x must be an integer in [0, n], got ${x} (n = ${n})`);
  if (!(level > 0 && level < 1)) throw new StatsInputError(`level must be in (0, 1), got ${level}`);
}

/** Wilson score interval (R `prop.test(x, n, conf.level = level, correct = FALSE)$conf.int`). */
export function wilson(x: number, n: number, level = 0.95): ProportionInterval {
  checkCounts(x, n, level);
  const p = x / n;
  const z = normalQuantile((1 + level) / 2);
  const z22n = (z * z) / (2 * n);
  const centre = p + z22n;
  const half = z * Math.sqrt((p * (1 - p)) / n + z22n / (2 * n));
  const denom = 1 + 2 * z22n;
  // prop.test pins the bound to 0 or 1 at the edges instead of evaluating the formula there.
  const lower = p <= 0 ? 0 : (centre - half) / denom;
  const upper = p >= 1 ? 1 : (centre + half) / denom;
  return { estimate: p, lower, upper, level, method: 'wilson', kind: 'two-sided' };
}

/** Exact upper limit qbeta(1 − α, x + 1, n − x), or 1 when x = n. */
function exactUpper(x: number, n: number, alpha: number): number {
  return x === n ? 1 : betaQuantile(1 - alpha, x + 1, n - x);
}

/** One-sided Clopper-Pearson interval [0, U] (R `binom.test(x, n, alternative = "less")`). */
export function clopperPearsonUpper(x: number, n: number, level = 0.95): ProportionInterval {
  checkCounts(x, n, level);
  return {
    estimate: x / n,
    lower: 0,
    upper: exactUpper(x, n, 1 - level),
    level,
    method: 'clopper-pearson',
    kind: 'one-sided-upper',
  };
}

/** Clopper-Pearson exact interval (R `binom.test(x, n, conf.level = level)$conf.int`). */
export function clopperPearson(
  x: number,
  n: number,
  level = 0.95,
  options: ClopperPearsonOptions = {},
): ProportionInterval {
  checkCounts(x, n, level);
  if (x === 0 && options.zeroEvents === 'one-sided-upper') return clopperPearsonUpper(x, n, level);
  const alpha = (1 - level) / 2;
  return {
    estimate: x / n,
    lower: x === 0 ? 0 : betaQuantile(alpha, x, n - x + 1),
    upper: exactUpper(x, n, alpha),
    level,
    method: 'clopper-pearson',
    kind: 'two-sided',
  };
}
