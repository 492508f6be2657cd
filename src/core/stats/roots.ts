/**
 * One-dimensional root finders shared by the quantile functions and the τ² estimators.
 */
import { StatsConvergenceError } from './errors.js';

const MACHINE_EPS = 2.220446049250313e-16;

export interface RootOptions {
  /** Absolute tolerance on x added to the relative machine-precision tolerance. */
  readonly absTol?: number;
  readonly maxIter?: number;
}

/**
 * Brent's method (zeroin) on a bracket [a, b] where f changes sign. Converges to machine
 * precision in x by default; the bisection fallback bounds the number of steps.
 */
export function brentRoot(f: (x: number) => number, lo: number, hi: number, options: RootOptions = {}): number {
  const absTol = options.absTol ?? 0;
  const maxIter = options.maxIter ?? 500;
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa > 0 === fb > 0) {
    throw new StatsConvergenceError(`root not bracketed in [${lo}, ${hi}] (f = ${fa}, ${fb})`);
  }
  let c = b;
  let fc = fb;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * MACHINE_EPS * Math.abs(b) + 0.5 * absTol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // Inverse quadratic interpolation, or secant when only two points are distinct.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      const min1 = 3 * xm * q - Math.abs(tol1 * q);
      const min2 = Math.abs(e * q);
      if (2 * p < Math.min(min1, min2)) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : Math.sign(xm) * tol1;
    fb = f(b);
  }
  throw new StatsConvergenceError(`Brent root finder did not converge in ${maxIter} iterations`);
}

/**
 * Newton's method for an increasing function kept inside the bracket [lo, hi] (finite), with
 * bisection whenever a Newton step would leave it. Used to polish quantiles to full precision.
 */
export function newtonIncreasing(
  f: (x: number) => number,
  fPrime: (x: number) => number,
  x0: number,
  lo: number,
  hi: number,
): number {
  let left = lo;
  let right = hi;
  let x = x0 > left && x0 < right ? x0 : 0.5 * (left + right);
  for (let iter = 0; iter < 300; iter++) {
    const fx = f(x);
    if (fx === 0) return x;
    if (fx > 0) right = x;
    else left = x;
    const slope = fPrime(x);
    let next = x - fx / slope;
    if (!(next > left && next < right) || !Number.isFinite(next)) next = 0.5 * (left + right);
    if (Math.abs(next - x) <= 4 * MACHINE_EPS * Math.abs(next) || right - left <= 4 * MACHINE_EPS * Math.abs(x)) {
      return next;
    }
    x = next;
  }
  throw new StatsConvergenceError('Newton iteration for a quantile did not converge');
}
