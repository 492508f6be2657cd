/**
 * The horizontal axis of a forest or funnel plot: positions on the analysis scale (log RR, logit...)
 * and labels on the natural scale people read (RR, proportion), with ticks at round natural values.
 */
import { backTransform, type Measure } from '../stats/index.js';
import { transfPft, harmonicMean } from '../stats/back-transforms.js';

export interface AxisScale {
  /** Analysis-scale limits of the axis. */
  lo: number;
  hi: number;
  /** Pixel positions of lo and hi. */
  x0: number;
  x1: number;
  /** Analysis value → pixel. */
  x(value: number): number;
  /** Ticks: analysis-scale position and the natural value it is labelled with. */
  ticks: { at: number; value: number }[];
  /** Where no effect lies (analysis scale), or null for single proportions. */
  nullAt: number | null;
  log: boolean;
}

const RATIO = new Set<Measure>(['RR', 'OR', 'IRR', 'ROM']);
const PROPORTION = new Set<Measure>(['PLO', 'PR', 'PFT', 'PAS']);
/** Measures of one group (a proportion, a mean, a correlation): no line of no effect. */
const SINGLE = new Set<Measure>([...PROPORTION, 'MN', 'MNLN', 'COR', 'ZCOR']);

/** Natural value → analysis scale: the inverse of backTransform. */
export function forward(measure: Measure, value: number, ni: readonly number[] | null): number {
  switch (measure) {
    case 'RR':
    case 'OR':
    case 'IRR':
    case 'ROM':
    case 'MNLN':
      return Math.log(value);
    case 'ZCOR':
      return Math.atanh(value);
    case 'PLO':
      return Math.log(value / (1 - value));
    case 'PAS':
      return Math.asin(Math.sqrt(value));
    case 'PFT':
      return transfPft(value, ni && ni.length > 0 ? harmonicMean(ni) : 1);
    default:
      return value;
  }
}

export function natural(measure: Measure, at: number, ni: readonly number[] | null): number {
  return backTransform(measure, at, ni ? { ni: [...ni] } : {});
}

/** Round steps 1, 2, 2.5, 5 × 10^k with about `count` ticks across [lo, hi]. */
export function niceLinear(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= last + step * 1e-6; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Tick mantissas per decade, coarse to fine: a log axis shows the finest set that stays readable. */
const LOG_STEPS: readonly (readonly number[])[] = [
  [1],
  [1, 3],
  [1, 2, 5],
  [1, 1.5, 2, 3, 5, 7],
  [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8],
  [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9],
];

/** Ratios: round values on the log axis, the lowest at or below lo and the highest at or above hi, at most `most`. */
export function niceRatio(lo: number, hi: number, most = 8): number[] {
  let chosen: number[] = [];
  // Finest first: the first set with few enough ticks wins; the coarsest is the fallback.
  for (const steps of [...LOG_STEPS].reverse()) {
    const all: number[] = [];
    for (let p = Math.floor(Math.log10(lo)) - 1; p <= Math.ceil(Math.log10(hi)) + 1; p++) {
      for (const m of steps) all.push(Number((m * 10 ** p).toPrecision(12)));
    }
    const below = all.filter((v) => v <= lo * (1 + 1e-9));
    const above = all.filter((v) => v >= hi * (1 - 1e-9));
    const first = below[below.length - 1] ?? all[0] ?? lo;
    const last = above[0] ?? all[all.length - 1] ?? hi;
    chosen = all.filter((v) => v >= first && v <= last);
    if (chosen.length <= most) break;
  }
  return chosen;
}

/** Proportions on the logit scale: round values that spread out near 0 and 1, covering [lo, hi]. */
export function niceLogit(lo: number, hi: number, most = 8): number[] {
  const sets = [
    [0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999],
    [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999],
    [
      0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995,
      0.998, 0.999,
    ],
  ];
  let chosen: number[] = [];
  for (const all of [...sets].reverse()) {
    const below = all.filter((v) => v <= lo);
    const above = all.filter((v) => v >= hi);
    const first = below[below.length - 1] ?? all[0] ?? lo;
    const last = above[0] ?? all[all.length - 1] ?? hi;
    chosen = all.filter((v) => v >= first && v <= last);
    if (chosen.length <= most) break;
  }
  return chosen;
}

/**
 * An axis covering the analysis-scale values given (and the line of no effect), widened to round
 * natural values at both ends; or exactly `limits` (natural scale) when the user sets them.
 */
export function axisScale(
  measure: Measure,
  values: readonly number[],
  x0: number,
  x1: number,
  options: { ni?: readonly number[] | null; limits?: readonly [number, number] } = {},
): AxisScale {
  const ni = options.ni ?? null;
  const nullAt = SINGLE.has(measure) ? null : 0;
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(...finite, ...(nullAt === null ? [] : [nullAt]));
  let hi = Math.max(...finite, ...(nullAt === null ? [] : [nullAt]));
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [-1, 1];
  if (!(hi > lo)) [lo, hi] = [lo - 0.5, hi + 0.5];
  let naturalTicks: number[];
  if (options.limits) {
    [lo, hi] = [forward(measure, options.limits[0], ni), forward(measure, options.limits[1], ni)];
    naturalTicks = RATIO.has(measure)
      ? niceRatio(options.limits[0], options.limits[1])
      : niceLinear(options.limits[0], options.limits[1]);
    naturalTicks = naturalTicks.filter((v) => {
      const at = forward(measure, v, ni);
      return at >= lo - 1e-9 && at <= hi + 1e-9;
    });
  } else {
    const [a, b] = [natural(measure, lo, ni), natural(measure, hi, ni)];
    naturalTicks =
      RATIO.has(measure) || measure === 'MNLN'
        ? niceRatio(a, b)
        : measure === 'PLO'
          ? niceLogit(a, b)
          : niceLinear(a, b);
    if (PROPORTION.has(measure)) naturalTicks = naturalTicks.filter((v) => v >= 0 && v <= 1);
    const positions = naturalTicks.map((v) => forward(measure, v, ni)).filter(Number.isFinite);
    lo = Math.min(lo, ...positions);
    hi = Math.max(hi, ...positions);
  }
  const ticks = naturalTicks
    .map((value) => ({ at: forward(measure, value, ni), value }))
    .filter((t) => Number.isFinite(t.at));
  const x = (value: number) => x0 + ((value - lo) / (hi - lo)) * (x1 - x0);
  return { lo, hi, x0, x1, x, ticks, nullAt, log: RATIO.has(measure) || measure === 'MNLN' };
}
