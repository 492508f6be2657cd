// Shell completion as a shell loads it: the built binary's script sourced by a real bash (tests are
// skipped where bash is missing; zsh and fish are checked for syntax when installed).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run-cli.js';

const BIN = `${REPO}/bin/acu-evidence.js`;
const has = (shell: string): boolean => spawnSync(shell, ['-c', 'true']).status === 0;

/** The words bash offers after each line (the last word is the one being completed), from one bash run. */
function complete(lines: readonly string[][]): string[][] {
  const cases = lines.map((line) => {
    const words = line.map((w) => `'${w}'`).join(' ');
    return `COMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; COMPREPLY=(); _acu_evidence; printf '%s\\n' "\${COMPREPLY[@]}"; echo '--'`;
  });
  const script = `source <(node ${BIN} completion bash) && ${cases.join('; ')}`;
  const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
  return out
    .split(/^--$/m)
    .slice(0, lines.length)
    .map((block) => block.split('\n').filter((w) => w !== ''));
}

describe.skipIf(!has('bash'))('completion bash', () => {
  it('registers a completion for acu-evidence', () => {
    const out = execFileSync('bash', ['-c', `source <(node ${BIN} completion bash) && complete -p acu-evidence`], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('complete -F _acu_evidence acu-evidence');
  });

  it('completes commands, options and their values from the declarations', () => {
    const [sub, measure, method, interval, where, aeWhere, metric, wide, shells] = complete([
      ['acu-evidence', 'su'],
      ['acu-evidence', 'meta', '--measure', ''],
      ['acu-evidence', 'meta', '--method', 'RE'],
      ['acu-evidence', 'outcomes', '--method', ''],
      ['acu-evidence', 'studies', '--where', 'cond'],
      ['acu-evidence', 'adverse-events', '--where', 'ser'],
      ['acu-evidence', 'value', 'positive-'],
      ['acu-evidence', 'summary', '--wi'],
      ['acu-evidence', 'completion', ''],
    ]);
    expect(sub).toEqual(['summary']);
    expect(measure).toEqual([
      ...['RR', 'OR', 'RD', 'MD', 'SMD', 'PLO', 'PR', 'PFT', 'PAS'],
      ...['IRR', 'IRD', 'MN', 'MNLN', 'ROM', 'SMCR', 'SMCC', 'COR', 'ZCOR'],
    ]);
    expect(method).toEqual(['REML']);
    expect(interval).toEqual(['wilson', 'exact']);
    expect(where).toEqual(['condition']);
    expect(aeWhere).toEqual(['serious']);
    expect(metric).toEqual(expect.arrayContaining(['positive-ratio']));
    expect(wide).toEqual(['--wide']);
    expect(shells).toEqual(['bash', 'zsh', 'fish']);
  });
});

describe('completion zsh and fish', () => {
  it.skipIf(!has('zsh'))('zsh parses the script', () => {
    const script = execFileSync('node', [BIN, 'completion', 'zsh'], { encoding: 'utf8' });
    expect(spawnSync('zsh', ['-n'], { input: script }).status).toBe(0);
  });
  it.skipIf(!has('fish'))('fish parses the script', () => {
    const script = execFileSync('node', [BIN, 'completion', 'fish'], { encoding: 'utf8' });
    // From a file: fish 3.6 refuses a script on a pipe from node ("Unable to read input file").
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'acu-fish-')), 'acu-evidence.fish');
    writeFileSync(file, script);
    expect(spawnSync('fish', ['--no-execute', file]).status).toBe(0);
  });
  it('names every command in both scripts', () => {
    for (const shell of ['zsh', 'fish']) {
      const script = execFileSync('node', [BIN, 'completion', shell], { encoding: 'utf8' });
      for (const command of ['summary', 'meta', 'value', 'claims', 'completion']) expect(script).toContain(command);
    }
    const fish = execFileSync('node', [BIN, 'completion', 'fish'], { encoding: 'utf8' });
    expect(fish).toContain("-l measure -x -a 'RR OR RD MD SMD PLO PR PFT PAS IRR IRD MN MNLN ROM SMCR SMCC COR ZCOR'");
  });
});
