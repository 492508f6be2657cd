/**
 * What the treatment arm of a selection is called in words ("favours acupuncture"). The bundled
 * data is about acupuncture, but an imported Cochrane review or a researcher's own file may compare
 * anything (Fleiss 1993: aspirin): calling its arm "acupuncture" would be false.
 */

const ACUPUNCTURE = /acupunct/i;

/**
 * "acupuncture" when every labelled treatment arm mentions it (or no arm is labelled, the
 * tool's subject); else the one label all rows share; else null (several other treatments).
 */
export function treatmentName(rows: readonly Readonly<Record<string, unknown>>[]): string | null {
  const labels = new Set<string>();
  for (const row of rows) {
    const label = row['arm_treatment'];
    if (typeof label === 'string' && label.trim() !== '') labels.add(label.trim());
  }
  const others = [...labels].filter((l) => !ACUPUNCTURE.test(l));
  if (others.length === 0) return 'acupuncture';
  return labels.size === 1 ? (others[0] ?? null) : null;
}
