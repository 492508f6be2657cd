/** Which of a model's add-ons the options ask for, by option name: for "not available with ..." errors. */
import type { MetaOptions } from './analysis.js';

const EXTRAS = {
  '--group-by': (o: MetaOptions) => Boolean(o.groups),
  '--leave-one-out': (o: MetaOptions) => Boolean(o.leaveOneOut),
  '--cumulative': (o: MetaOptions) => Boolean(o.cumulativeOrder),
  '--egger': (o: MetaOptions) => Boolean(o.egger),
  '--mods': (o: MetaOptions) => Boolean(o.moderators),
  '--trimfill': (o: MetaOptions) => Boolean(o.trimfill),
  '--ranktest': (o: MetaOptions) => Boolean(o.ranktest),
  '--failsafe': (o: MetaOptions) => Boolean(o.failsafe),
  '--test knha': (o: MetaOptions) => o.test === 'knha',
  '--pi': (o: MetaOptions) => o.pi !== 'default',
} as const;

export type Extra = keyof typeof EXTRAS;

/** The options among `which` that `options` asks for, in the order given. */
export function extrasRequested(options: MetaOptions, which: readonly Extra[]): string[] {
  return which.filter((name) => EXTRAS[name](options));
}
