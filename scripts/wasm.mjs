// Assembles src/io/patient-scan.wat (WebAssembly text) into src/io/patient-scan-wasm.ts, the module's
// bytes in base64, which the bundle and the tests import like any other module (no loader, no file
// read at run time). Run after editing the .wat: `node scripts/wasm.mjs`; `--check` (a test) fails
// when the committed bytes are not the assembly of the committed text.
import { readFileSync, writeFileSync } from 'node:fs';
import wabt from 'wabt';

const source = new URL('../src/io/patient-scan.wat', import.meta.url);
const target = new URL('../src/io/patient-scan-wasm.ts', import.meta.url);

/** The TypeScript module holding the assembled bytes of the .wat text. */
export async function assemble(text) {
  const module = (await wabt()).parseWat('patient-scan.wat', text);
  try {
    module.validate();
    const { buffer } = module.toBinary({});
    const base64 = Buffer.from(buffer).toString('base64');
    return `// Made by scripts/wasm.mjs from patient-scan.wat: do not edit.\nexport const PATIENT_SCAN_WASM =\n  '${base64}';\n`;
  } finally {
    module.destroy();
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const made = await assemble(readFileSync(source, 'utf8'));
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== made) {
      console.error('src/io/patient-scan-wasm.ts is not the assembly of patient-scan.wat: run node scripts/wasm.mjs');
      process.exit(1);
    }
  } else writeFileSync(target, made);
}
