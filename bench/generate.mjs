// Writes invented data for benchmarks (never committed): study-level 2×2 tables or patient rows.
//   node bench/generate.mjs studies N FILE    study_id,events_treatment,n_treatment,events_control,n_control
//   node bench/generate.mjs means N FILE      study_id,mean_treatment,sd_treatment,n_treatment,mean_control,sd_control,n_control
//   node bench/generate.mjs patients N FILE [STUDIES]   study_id,arm,baseline,followup,adverse_event (one row per patient)
// Seeded, so the same arguments give the same file.
import { createWriteStream } from 'node:fs';

/** mulberry32: a small seeded generator. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function generate(kind, n, file, studies = Math.max(1, Math.round(n / 200))) {
  const u = random(42);
  const normal = () => Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u());
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? undefined : new Promise((r) => out.once('drain', r)));
  let chunk = '';
  const flush = async () => {
    await write(chunk);
    chunk = '';
  };
  if (kind === 'studies') {
    chunk += 'study_id,events_treatment,n_treatment,events_control,n_control\n';
    for (let i = 0; i < n; i++) {
      const nt = 20 + Math.floor(u() * 200);
      const nc = 20 + Math.floor(u() * 200);
      const pc = 0.1 + 0.3 * u();
      const pt = Math.min(0.95, pc * (0.6 + 0.5 * u()));
      chunk += `s${i + 1},${Math.round(nt * pt)},${nt},${Math.round(nc * pc)},${nc}\n`;
      if (chunk.length > 1 << 16) await flush();
    }
  } else if (kind === 'means') {
    chunk += 'study_id,mean_treatment,sd_treatment,n_treatment,mean_control,sd_control,n_control\n';
    for (let i = 0; i < n; i++) {
      const nt = 20 + Math.floor(u() * 200);
      const nc = 20 + Math.floor(u() * 200);
      chunk += `s${i + 1},${(-2 + normal()).toFixed(2)},${(2 + u()).toFixed(2)},${nt},${(-1 + normal()).toFixed(2)},${(2 + u()).toFixed(2)},${nc}\n`;
      if (chunk.length > 1 << 16) await flush();
    }
  } else if (kind === 'patients') {
    chunk += 'study_id,patient_id,arm,baseline,followup,adverse_event\n';
    const effect = Array.from({ length: studies }, () => -1 + 0.5 * normal());
    for (let i = 0; i < n; i++) {
      const s = Math.floor((i * studies) / n);
      const treated = u() < 0.5;
      const baseline = 6 + 1.5 * normal();
      const followup = baseline - 1.5 + (treated ? (effect[s] ?? 0) : 0) + 2 * normal();
      const event = u() < (treated ? 0.12 : 0.08) ? 'yes' : 'no';
      chunk += `p${s + 1},${i + 1},${treated ? 'treatment' : 'control'},${baseline.toFixed(1)},${followup.toFixed(1)},${event}\n`;
      if (chunk.length > 1 << 16) await flush();
    }
  } else throw new Error(`unknown kind ${kind}: studies, means or patients`);
  await flush();
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, n, file, studies] = process.argv.slice(2);
  if (!kind || !n || !file) {
    console.error('usage: node bench/generate.mjs studies|means|patients N FILE [STUDIES]');
    process.exit(2);
  }
  await generate(kind, Number(n), file, studies ? Number(studies) : undefined);
}
