/**
 * Heterogeneity summaries I² and H², in metafor's two definitions.
 */

/**
 * metafor's "typical" within-study variance s² = (k − 1)Σw / ((Σw)² − Σw²), w = 1/vᵢ
 * (Higgins & Thompson 2002), used to turn τ² into I² and H².
 */
export function typicalVariance(k: number, sumW: number, sumW2: number): number {
  return ((k - 1) * sumW) / (sumW * sumW - sumW2);
}

/** I² (%) from τ²: 100·τ² / (τ² + s²) — metafor and RevMan Web under random effects. */
export function i2FromTau2(tau2: number, s2: number): number {
  return (100 * tau2) / (s2 + tau2);
}

/** H² from τ²: (τ² + s²) / s². */
export function h2FromTau2(tau2: number, s2: number): number {
  return tau2 / s2 + 1;
}

/** I² (%) from Q: max(0, 100·(Q − df)/Q) — common-effect models, MH, Peto (and `meta`'s default). */
export function i2FromQ(q: number, df: number): number {
  if (df <= 0) return 0;
  return Math.max(0, (100 * (q - df)) / q);
}

/** H² from Q: Q/df. */
export function h2FromQ(q: number, df: number): number {
  return df <= 0 ? 1 : q / df;
}
