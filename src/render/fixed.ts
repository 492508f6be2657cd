/**
 * `x.toFixed(digits)` for the many numbers of a large printout (a forest plot of a million studies
 * prints three estimates and a weight per study): the same text, from integer arithmetic, about
 * three times faster. Where the scaled value lies within rounding error of a half, or is large, or
 * is not a finite number, it is toFixed itself that answers.
 */
const SCALES = [1, 10, 100, 1000, 10000, 100000] as const;
const ZEROS = ['', '0', '00', '000', '0000', '00000'] as const;

export function toFixed(x: number, digits: 0 | 1 | 2 | 3 | 4 | 5): string {
  const scale = SCALES[digits];
  const a = x < 0 ? -x : x;
  const scaled = a * scale;
  // Below 10^8 the product is within 1.2e-8 of a·scale, so it falls on the same side of every half
  // as the exact product unless within 1e-7 of one (NaN fails the first test).
  if (!(scaled < 1e8)) return x.toFixed(digits);
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  if (fraction > 0.4999999 && fraction < 0.5000001) return x.toFixed(digits);
  const n = fraction > 0.5 ? floor + 1 : floor;
  // toFixed keeps the sign of a negative number that rounds to zero ("-0.00"), not that of -0.
  const sign = x < 0 ? '-' : '';
  if (digits === 0) return `${sign}${n}`;
  const whole = Math.floor(n / scale);
  const part = `${n - whole * scale}`;
  return `${sign}${whole}.${ZEROS[digits - part.length] ?? ''}${part}`;
}
