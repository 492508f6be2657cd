/**
 * Moderators for a meta-regression (`meta --mods`): from the raw cells of each named field to
 * metafor's design columns and back to a result with metafor's names. A numeric field enters as
 * it is; a text, vocabulary or yes/no field enters as dummies, one per level after the first (R's
 * factor() with sorted levels: the first level is the reference), named field + level as R does
 * (allocrandom).
 */
import { StatsInputError, metaRegression, type MetaRegressionResult, type RmaOptions } from '../stats/index.js';
import type { Cell } from '../evidence/table.js';

export interface ModeratorValues {
  readonly name: string;
  /** One cell per study, parallel to the effects. */
  readonly cells: readonly Cell[];
}

interface ModeratorDesign {
  /** metafor's coefficient names after the intercept. */
  readonly names: string[];
  readonly columns: number[][];
  /** For each categorical moderator, its reference level (R's first factor level). */
  readonly reference: { moderator: string; level: string }[];
}

/** metafor `rma(yi, vi, mods = ...)` results under the names metafor prints (intrcpt first). */
export interface MetaRegressionSummary {
  moderators: string[];
  reference_levels: { moderator: string; level: string }[];
  coef_names: string[];
  b: number[];
  se: number[];
  zval: number[] | null;
  tval: number[] | null;
  df: number | null;
  pval: number[];
  ci_lb: number[];
  ci_ub: number[];
  QM: number;
  QMdf: [number, number | null];
  QMp: number;
  QE: number;
  QE_df: number;
  QEp: number;
  tau2: number;
  tau: number;
  I2: number;
  H2: number;
  R2: number | null;
  k: number;
  p: number;
}

function categoryOf(cell: Cell): string | number | null {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  if (typeof cell === 'number' || typeof cell === 'string') return cell;
  if (cell.length > 1) throw new StatsInputError(`has several values (${cell.join(', ')})`);
  return cell[0] ?? null;
}

/** Design columns for the moderators; `labels` name the studies in error messages. */
function moderatorDesign(mods: readonly ModeratorValues[], labels: readonly string[]): ModeratorDesign {
  const names: string[] = [];
  const columns: number[][] = [];
  const reference: { moderator: string; level: string }[] = [];
  for (const mod of mods) {
    const values = mod.cells.map((cell, i) => {
      try {
        return categoryOf(cell);
      } catch (error) {
        throw new StatsInputError(`--mods ${mod.name}: ${labels[i] ?? ''} ${(error as Error).message}`);
      }
    });
    const missing = values.flatMap((v, i) => (v === null ? [labels[i] ?? ''] : []));
    if (missing.length > 0)
      throw new StatsInputError(
        `--mods ${mod.name}: no value for ${missing.join(', ')}; a meta-regression needs the moderator for every study (narrow the selection with --where)`,
      );
    if (values.every((v): v is number => typeof v === 'number')) {
      names.push(mod.name);
      columns.push(values);
      continue;
    }
    const text = values.map(String);
    // Code-point order, as R's sort() in the C locale.
    const levels = [...new Set(text)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (levels.length < 2)
      throw new StatsInputError(`--mods ${mod.name}: every study has the same value (${levels[0] ?? ''})`);
    reference.push({ moderator: mod.name, level: levels[0] ?? '' });
    for (const level of levels.slice(1)) {
      names.push(`${mod.name}${level}`);
      columns.push(text.map((t) => (t === level ? 1 : 0)));
    }
  }
  return { names, columns, reference };
}

export function metaRegressionSummary(
  yi: readonly number[],
  vi: readonly number[],
  mods: readonly ModeratorValues[],
  labels: readonly string[],
  options: RmaOptions,
): MetaRegressionSummary {
  const design = moderatorDesign(mods, labels);
  const r: MetaRegressionResult = metaRegression(yi, vi, design.columns, options);
  const t = r.test === 'knha';
  return {
    moderators: mods.map((m) => m.name),
    reference_levels: design.reference,
    coef_names: ['intrcpt', ...design.names],
    b: r.b,
    se: r.se,
    zval: t ? null : r.zval,
    tval: t ? r.zval : null,
    df: r.df,
    pval: r.pval,
    ci_lb: r.ci_lb,
    ci_ub: r.ci_ub,
    QM: r.QM,
    QMdf: [r.QM_df, r.QM_df2],
    QMp: r.QMp,
    QE: r.QE,
    QE_df: r.QE_df,
    QEp: r.QEp,
    tau2: r.tau2,
    tau: Math.sqrt(r.tau2),
    I2: r.I2,
    H2: r.H2,
    R2: r.R2,
    k: r.k,
    p: r.p,
  };
}
