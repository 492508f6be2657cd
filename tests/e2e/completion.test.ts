// Shell completion as a shell loads it: the built binary's script sourced by a real bash (tests are
// skipped where bash is missing; zsh and fish are checked for syntax when installed).
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run-cli.js';

const BIN = `${REPO}/bin/acu-evidence.js`;
const has = (shell: string): boolean => spawnSync(shell, ['-c', 'true']).status === 0;

/** The words bash offers after `line` (the last word is the one being completed). */
function complete(line: string[]): string[] {
  const words = line.map((w) => `'${w}'`).join(' ');
  const script = `source <(node ${BIN} completion bash) && COMP_WORDS=(${words}) && COMP_CWORD=${line.length - 1} && _acu_evidence && printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' })
    .split('\n')
    .filter((w) => w !== '');
}

describe.skipIf(!has('bash'))('completion bash', () => {
  it('registers a completion for acu-evidence', () => {
    const out = execFileSync('bash', ['-c', `source <(node ${BIN} completion bash) && complete -p acu-evidence`], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('complete -F _acu_evidence acu-evidence');
  });

  it('completes commands, options and their values from the declarations', () => {
    expect(complete(['acu-evidence', 'su'])).toEqual(['summary']);
    expect(complete(['acu-evidence', 'meta', '--measure', ''])).toEqual([
      'RR',
      'OR',
      'RD',
      'MD',
      'SMD',
      'PLO',
      'PR',
      'PFT',
      'PAS',
    ]);
    expect(complete(['acu-evidence', 'meta', '--method', 'RE'])).toEqual(['REML']);
    expect(complete(['acu-evidence', 'outcomes', '--method', ''])).toEqual(['wilson', 'exact']);
    expect(complete(['acu-evidence', 'studies', '--where', 'cond'])).toEqual(['condition']);
    expect(complete(['acu-evidence', 'adverse-events', '--where', 'ser'])).toEqual(['serious']);
    expect(complete(['acu-evidence', 'value', 'positive-'])).toEqual(expect.arrayContaining(['positive-ratio']));
    expect(complete(['acu-evidence', 'summary', '--wi'])).toEqual(['--wide']);
    expect(complete(['acu-evidence', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });
});

describe('completion zsh and fish', () => {
  it.skipIf(!has('zsh'))('zsh parses the script', () => {
    const script = execFileSync('node', [BIN, 'completion', 'zsh'], { encoding: 'utf8' });
    expect(spawnSync('zsh', ['-n'], { input: script }).status).toBe(0);
  });
  it.skipIf(!has('fish'))('fish parses the script', () => {
    const script = execFileSync('node', [BIN, 'completion', 'fish'], { encoding: 'utf8' });
    expect(spawnSync('fish', ['--no-execute'], { input: script }).status).toBe(0);
  });
  it('names every command in both scripts', () => {
    for (const shell of ['zsh', 'fish']) {
      const script = execFileSync('node', [BIN, 'completion', shell], { encoding: 'utf8' });
      for (const command of ['summary', 'meta', 'value', 'claims', 'completion']) expect(script).toContain(command);
    }
    const fish = execFileSync('node', [BIN, 'completion', 'fish'], { encoding: 'utf8' });
    expect(fish).toContain("-l measure -x -a 'RR OR RD MD SMD PLO PR PFT PAS'");
  });
});
