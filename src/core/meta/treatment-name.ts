/**
 * What the treatment arm of a selection is called in words ("favours acupuncture"). The bundled
 * data is about acupuncture, but an imported Cochrane review or a researcher's own file may compare
 * anything (Fleiss 1993: aspirin), or put a sham or a non-acupuncture arm first: calling such an arm
 * "acupuncture" would say the opposite of the data.
 */

const ACUPUNCTURE = /acupunct/i;
// Words that make an arm mentioning acupuncture something else: a sham, or care without it.
const NOT_ACUPUNCTURE = /\b(sham|placebo|simulated|minimal|non|no|without)\b/i;

/**
 * "acupuncture" when every row's treatment arm is labelled as (real) acupuncture (or, in
 * adverse-events, marked acupuncture_arm = yes); else the one
 * label all rows share; else null (unlabelled rows, or several treatments): the caller says "the
 * treatment arm".
 */
export function treatmentName(rows: readonly Readonly<Record<string, unknown>>[]): string | null {
  const labels = new Set<string>();
  for (const row of rows) {
    // An adverse-events row says outright whether its arm received acupuncture.
    if (row['acupuncture_arm'] === true) {
      labels.add('acupuncture');
      continue;
    }
    const label = row['arm_treatment'];
    if (typeof label !== 'string' || label.trim() === '') return null;
    labels.add(label.trim());
  }
  if (labels.size === 0) return null;
  const acupuncture = [...labels].every((l) => ACUPUNCTURE.test(l) && !NOT_ACUPUNCTURE.test(l));
  if (acupuncture) return 'acupuncture';
  return labels.size === 1 ? ([...labels][0] ?? null) : null;
}
