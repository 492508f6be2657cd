// The WebAssembly the patient reader runs (src/io/patient-scan-wasm.ts) must be the assembly of its
// text (src/io/patient-scan.wat), which is what is reviewed.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('patient-scan-wasm.ts is the assembly of patient-scan.wat', () => {
  const r = spawnSync(process.execPath, ['scripts/wasm.mjs', '--check'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
