/**
 * Mean and SD in one pass without holding the values: Welford's update (Welford 1962; Knuth, TAOCP
 * vol. 2, 4.2.2), which, unlike summing x and x², does not lose the SD to cancellation when the mean
 * is large against the spread.
 */
export class RunningMoments {
  n = 0;
  mean = 0;
  /** Sum of squared deviations from the current mean (open: a reader in WebAssembly carries it on, patient-aggregate.ts). */
  m2 = 0;

  add(x: number): void {
    this.n++;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  /** The sample SD (denominator n - 1, as R's sd()); null below two values. */
  sd(): number | null {
    return this.n < 2 ? null : Math.sqrt(this.m2 / (this.n - 1));
  }
}
