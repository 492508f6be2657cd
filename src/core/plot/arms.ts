/** What each arm of a study contributed, for the data columns of a forest plot. */
import type { StudyEffect } from '../meta/input.js';

export type Arms =
  | { kind: 'binary'; events_t: number; n_t: number; events_c: number; n_c: number }
  | { kind: 'means'; mean_t: number; sd_t: number; n_t: number; mean_c: number; sd_c: number; n_c: number }
  | { kind: 'count'; events: number; n: number }
  | null;

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The counts or means behind a study's effect; null for a reported effect (no arm data entered the model). */
export function armsOf(effect: StudyEffect, measure: string): Arms {
  if (effect.basis === 'reported effect and CI') return null;
  const t = effect.table;
  if (t) return { kind: 'binary', events_t: t.ai, n_t: t.ai + t.bi, events_c: t.ci, n_c: t.ci + t.di };
  const r = effect.row;
  if (measure === 'MD' || measure === 'SMD') {
    const [mt, st, nt, mc, sc, nc] = [
      'mean_treatment',
      'sd_treatment',
      'n_treatment',
      'mean_control',
      'sd_control',
      'n_control',
    ].map((f) => num(r[f]));
    if (mt == null || st == null || nt == null || mc == null || sc == null || nc == null) return null;
    return { kind: 'means', mean_t: mt, sd_t: st, n_t: nt, mean_c: mc, sd_c: sc, n_c: nc };
  }
  const events = num(r['patients_with_event']) ?? num(r['events_treatment']);
  const n = num(r['patients_exposed']) ?? num(r['n_treatment']);
  return events === null || n === null ? null : { kind: 'count', events, n };
}
