/**
 * Errors thrown by the statistics core. The CLI maps StatsInputError to exit code 2 (bad input);
 * StatsConvergenceError means a numerical routine gave up and is treated as an internal failure.
 */

/** Invalid input to a statistics function: k = 0, a negative variance, an unknown measure... */
export class StatsInputError extends Error {
  override name = 'StatsInputError';
}

/** An iterative estimator did not converge within its iteration budget. */
export class StatsConvergenceError extends Error {
  override name = 'StatsConvergenceError';
}
