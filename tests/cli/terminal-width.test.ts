import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/** Every command's default view, as a newcomer types it. */
const VIEWS: readonly (readonly string[])[] = [
  ['summary'],
  ['patients'],
  ['treatments'],
  ['outcomes'],
  ['outcomes', '--by-study'],
  ['adverse-events'],
  ['adverse-events', '--by-event'],
  ['meta'],
  ['value', 'patients'],
  ['claims'],
  ['claims', '--long'],
  ['cite', '--where', 'review=vickers-2018'],
  ['studies'],
  ['studies', '--group-by', 'review'],
  ['validate'],
  ['schema'],
  ['schema', 'studies'],
  ['schema', '--vocabularies'],
];

const widest = (text: string): number => Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));

describe('every default view fits the terminal', () => {
  for (const columns of [80, 120]) {
    for (const argv of VIEWS) {
      it(`${argv.join(' ')} at ${columns} columns`, async () => {
        const out = await runCli(argv, { columns });
        expect(out.code).toBe(0);
        expect(out.stdout.length).toBeGreaterThan(0);
        expect(widest(out.stdout)).toBeLessThanOrEqual(columns);
        expect(widest(out.stderr)).toBeLessThanOrEqual(columns);
      });
    }
  }
});

describe('fitting a table', () => {
  it('never cuts an identifier, even in a column narrower than the list it holds', async () => {
    const wide = await runCli(['studies', '--format', 'csv', '--columns', 'study_id']);
    const ids = wide.stdout.trim().split('\n').slice(1);
    expect(ids).toHaveLength(20);
    const narrow = await runCli(['studies', '--columns', 'study_id,review', '--no-color'], { columns: 50 });
    for (const id of ids) expect(narrow.stdout).toMatch(new RegExp(`│ ${id} +│`));
    // Review ids: vickers-2012 and vickers-2018 used to print alike as "vickers-201…".
    for (const id of ['vickers-2012', 'vickers-2018']) expect(narrow.stdout).toMatch(new RegExp(`\\b${id}\\b`));
    expect(narrow.stdout).not.toContain('…');
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(50);
  });

  it('leaves out low-priority columns with one note naming --wide and --columns', async () => {
    const out = await runCli(['summary'], { columns: 80 });
    const notes = out.stderr.split(/\n(?! )/).filter((n) => n.startsWith('left out'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('--wide');
    expect(notes[0]).toContain('--columns');
    // The ratio and its interval are kept; the follow-up column gives way first.
    expect(out.stdout).toContain('positive %');
    expect(notes[0]).toContain('follow-up (months)');
  });

  it('keeps every column at full width in a pipe, a file, or with --wide', async () => {
    const piped = await runCli(['summary']);
    const wide = await runCli(['summary', '--wide', '--no-color'], { columns: 80 });
    expect(piped.stdout).toContain('follow-up (months)');
    expect(wide.stdout).toBe(piped.stdout);
    expect(widest(piped.stdout)).toBeGreaterThan(120);
    expect(wide.stderr).not.toContain('left out');
  });

  it('wraps a long cell inside its column instead of widening the table', async () => {
    const out = await runCli(['schema', 'studies', '--no-color'], { columns: 80 });
    const piped = await runCli(['schema', 'studies']);
    expect(widest(piped.stdout)).toBeGreaterThan(80);
    // A description continues on the next line of its row: the first cells of that line are empty.
    expect(out.stdout.split('\n').some((l) => /^│ +│/.test(l) && /\S +│$/.test(l))).toBe(true);
  });

  it('wraps notes on stderr at the terminal width, and not in a pipe', async () => {
    const narrow = await runCli(['summary'], { columns: 80 });
    const piped = await runCli(['summary']);
    expect(widest(piped.stderr)).toBeGreaterThan(80);
    expect(widest(narrow.stderr)).toBeLessThanOrEqual(80);
    expect(narrow.stderr.replace(/\n {2}/g, ' ')).toContain(piped.stderr.split('\n')[0]);
  });
});
