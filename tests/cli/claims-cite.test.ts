import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

interface Claim {
  claim_id: string;
  verdict: string;
  computed: number | null;
  reason: string;
  sources: string[];
}

async function claims(args: string[] = []): Promise<Map<string, Claim>> {
  const { code, stdout, stderr } = await runCli(['claims', '--json', ...args]);
  expect(code, stderr).toBe(0);
  const list = (JSON.parse(stdout) as { result: { claims: Claim[] } }).result.claims;
  return new Map(list.map((c) => [c.claim_id, c]));
}

describe('claims', () => {
  it('gives a verdict for every claim of the seed post, agreeing with the source notes', async () => {
    const verdicts = await claims();
    expect(verdicts.size).toBeGreaterThanOrEqual(15);
    // seed-sources.md: "Vickers 2018: 20,827 patients, 39 trials | same | verified".
    expect(verdicts.get('vickers-patients')?.verdict).toBe('supported');
    expect(verdicts.get('vickers-trials')?.verdict).toBe('supported');
    // "Clarkson: 2,219 patients, 31 AEs ... | abstract gives % ranges only | unverified".
    expect(verdicts.get('clarkson-patients')?.verdict).toBe('not checkable');
    expect(verdicts.get('clarkson-aes')?.verdict).toBe('not checkable');
    // "13 of 39 trials are LBP, 14,621 patients": the data hold 10 trials (6,060 randomised), none verified as members.
    expect(verdicts.get('vickers-lbp-patients')).toMatchObject({ verdict: 'not checkable', computed: 6060 });
    expect(verdicts.get('vickers-lbp-patients')?.reason).toMatch(
      /the data hold 10 of the 39 studies vickers-2018 reports \(10 not verified as members\)/,
    );
    // "Betts 2018: 88.9% clinically meaningful | Soliday & Betts 2018: 72/81 (89%) | verified".
    expect(verdicts.get('soliday-meaningful')).toMatchObject({ verdict: 'supported', computed: (72 / 81) * 100 });
    expect(verdicts.get('ji-patients')?.verdict).toBe('supported');
    expect(verdicts.get('ji-haemorrhage')?.verdict).toBe('not checkable');
    expect(verdicts.get('vickers-patients')?.sources.join(' ')).toContain('PMID 29198932');
  });

  it('contradicts a wrong number and exits 1 under --strict', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-claims-'));
    const file = path.join(dir, 'my-claims.csv');
    writeFileSync(
      file,
      'claim_id,text,metric,where,claimed_value,unit\n' +
        'right,"20,827 patients",reported-patients,review_id=vickers-2018,20827,count\n' +
        'wrong,"20,000 patients",reported-patients,review_id=vickers-2018,20000,count\n' +
        'rounded,"89% improved",event-proportion,study_id=soliday-2018,89,percent\n' +
        'too-precise,"88.88% improved",event-proportion,study_id=soliday-2018,88.88,percent\n',
    );
    const verdicts = await claims(['--data', file]);
    expect([...verdicts.values()].map((c) => [c.claim_id, c.verdict])).toEqual([
      ['right', 'supported'],
      ['wrong', 'contradicted'],
      // 72/81 = 88.888...%: 89 at whole-percent precision, 88.89 (not 88.88) at two decimals.
      ['rounded', 'supported'],
      ['too-precise', 'contradicted'],
    ]);
    const strict = await runCli(['claims', '--data', file, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/evidence: the bundled data\/ \(the files given hold only claims\)/);
    expect(strict.stderr).toMatch(/2 claims are contradicted by the data \(--strict\)/);
  });
});

describe('cite', () => {
  it('prints the Vickers 2018 reference as PubMed gives it (PMID 29198932), then its studies', async () => {
    const { code, stdout } = await runCli(['cite', '--where', 'review=vickers-2018']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      '1. Vickers AJ, Vertosick EA, Lewith G, MacPherson H, Foster NE, Sherman KJ, et al. Acupuncture for Chronic Pain: Update of an Individual Patient Data Meta-Analysis. J Pain. 2018;19(5):455-74. doi: 10.1016/j.jpain.2017.11.005. PMID: 29198932.',
    );
    // PMID 17893311: Haake M, et al. Arch Intern Med. 2007;167(17):1892-8.
    expect(stdout).toContain(
      'Haake M, Müller HH, Schade-Brittinger C, Basler HD, Schäfer H, Maier C, et al. German Acupuncture Trials (GERAC) for chronic low back pain: randomized, multicenter, blinded, parallel-group trial with 3 groups. Arch Intern Med. 2007;167(17):1892-8. doi: 10.1001/archinte.167.17.1892. PMID: 17893311.',
    );
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('writes BibTeX and lists a paper that is both a review and a study once', async () => {
    const { stdout } = await runCli(['cite', '--where', 'review=soliday-2018', '--format', 'bibtex']);
    expect(stdout.match(/@article\{/g)).toHaveLength(1);
    expect(stdout).toContain('author = {Soliday, E. and Betts, D.}');
    expect(stdout).toContain('pages = {25--30}');
  });
});

describe('render --diff', () => {
  it('prints a unified diff and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-diff-'));
    const file = path.join(dir, 'p.md');
    const text =
      'x <!-- acu-evidence value reported-studies --where "review_id=ji-2015" -->11<!-- /acu-evidence --> studies\n';
    writeFileSync(file, text);
    const { code, stdout } = await runCli(['render', '--diff', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(`--- ${file}`);
    expect(stdout).toContain(
      '-x <!-- acu-evidence value reported-studies --where "review_id=ji-2015" -->11<!-- /acu-evidence --> studies',
    );
    expect(stdout).toContain(
      '+x <!-- acu-evidence value reported-studies --where "review_id=ji-2015" -->12<!-- /acu-evidence --> studies',
    );
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('keeps the example post and the README in step with the data', async () => {
    const { code, stderr } = await runCli(['render', '--check', 'docs/acupuncture-back-pain.md', 'README.md']);
    // The post's meta block pools two outcomes on purpose: the caveat is printed, the check passes.
    expect(stderr).toMatch(/^docs\/acupuncture-back-pain\.md:\d+: warning: the rows measure 2 different outcomes/m);
    expect(stderr.endsWith('2 files up to date.\n')).toBe(true);
    expect(code).toBe(0);
  });
});
