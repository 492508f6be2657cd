/**
 * Whether every string of a list differs from the others: what `new Set(list).size === list.length`
 * says, from a table of 32-bit hashes in typed arrays. A Set of a million study ids cost about a
 * second of CPU and 50 MB of old-generation memory; the table costs a tenth of that.
 */

/** FNV-1a's start and step over UTF-16 code units: `h = Math.imul(h ^ code, FNV_PRIME)` from FNV_START. */
export const FNV_START = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** murmur3's final mix of an FNV-1a hash, so that its low bits (the table's slot) vary. */
export function mixHash(fnv: number): number {
  let h = fnv ^ (fnv >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function hashOf(s: string): number {
  let h = FNV_START;
  for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), FNV_PRIME);
  return mixHash(h);
}

/**
 * `hashes`, when given, holds `mixHash` of each string's FNV-1a hash, made by a reader that saw
 * each character anyway (plain-studies.ts): the strings are then not walked a second time.
 */
export function allDistinct(list: readonly string[], hashes?: Int32Array): boolean {
  const n = list.length;
  if (n < 2) return true;
  let size = 4;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  // Slot p holds the index of a string (or -1) and its hash, probed linearly.
  const slots = new Int32Array(size).fill(-1);
  const slotHashes = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    const s = list[i] ?? '';
    const h = hashes ? (hashes[i] ?? 0) : hashOf(s);
    let p = h & mask;
    for (;;) {
      const k = slots[p] ?? -1;
      if (k === -1) {
        slots[p] = i;
        slotHashes[p] = h;
        break;
      }
      if (slotHashes[p] === h && list[k] === s) return false;
      p = (p + 1) & mask;
    }
  }
  return true;
}
