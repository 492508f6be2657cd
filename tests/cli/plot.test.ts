// `plot forest` on dat.bcg from a researcher's CSV (numbers: metafor, tests/fixtures/metafor/reference.json)
// and on the bundled sham-controlled comparisons: the SVG's structure, not its bytes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { attr, groups, polygonPoints, texts } from '../helpers/svg.js';

type Json = Record<string, unknown>;
const reference = JSON.parse(
  readFileSync(new URL('../fixtures/metafor/reference.json', import.meta.url), 'utf8'),
) as Record<string, Json>;
const bcg = (reference['bcg_RR_escalc'] as { input: Record<string, (number | string)[]> }).input;
const escalc = reference['bcg_RR_escalc'] as { yi: number[]; ci_lb: number[]; ci_ub: number[] };
const reml = reference['bcg_RR_REML'] as Record<string, number>;

// Each picture subsets the font (HarfBuzz in wasm) and may rasterise: seconds on a loaded 2-core machine.
const SLOW = 120_000;
const TMP = mkdtempSync(path.join(tmpdir(), 'acu-plot-'));

/** dat.bcg as a researcher's outcomes.csv, allocation in `comparison` (as tests/cli/meta.test.ts). */
function bcgDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-plot-bcg-'));
  const col = (name: string) => bcg[name] as number[];
  const lines = ['study_id,comparison,events_treatment,n_treatment,events_control,n_control'];
  (bcg['trial'] as number[]).forEach((t, i) => {
    const [tp, tn, cp, cn] = [col('tpos')[i], col('tneg')[i], col('cpos')[i], col('cneg')[i]].map(Number);
    lines.push(
      `trial-${t},${String((bcg['alloc'] as string[])[i])},${tp},${(tp ?? 0) + (tn ?? 0)},${cp},${(cp ?? 0) + (cn ?? 0)}`,
    );
  });
  writeFileSync(path.join(dir, 'outcomes.csv'), `${lines.join('\n')}\n`);
  return dir;
}
const BCG = bcgDir();

async function svgOf(args: string[]): Promise<{ svg: string; stderr: string }> {
  const out = await runCli(['plot', 'forest', ...args]);
  expect(out.code, out.stderr).toBe(0);
  expect(out.stdout.startsWith('<svg ')).toBe(true);
  return { svg: out.stdout, stderr: out.stderr };
}

/** The axis as the ticks draw it: x of a natural value, from the first and last tick (log or linear). */
function axisOf(svg: string): { x: (natural: number) => number; ticks: { value: number; x: number }[]; log: boolean } {
  const axis = groups(svg, 'axis')[0];
  const log = axis?.data['log'] === '1';
  const ticks = groups(svg, 'tick').map((g) => ({
    value: Number(g.data['value']),
    x: attr(g.body, 'line', 'x1')[0] ?? NaN,
  }));
  const f = (v: number) => (log ? Math.log(v) : v);
  const a = ticks[0];
  const b = ticks[ticks.length - 1];
  if (!a || !b) throw new Error('no ticks');
  return { x: (v) => a.x + ((f(v) - f(a.value)) / (f(b.value) - f(a.value))) * (b.x - a.x), ticks, log };
}

describe('plot forest: dat.bcg (RR, REML) from a CSV', { timeout: SLOW }, () => {
  it('one row per study, in order, each with its estimate and CI as metafor gives them', async () => {
    const { svg } = await svgOf(['--data', BCG, '--measure', 'RR', '--better', 'lower']);
    const studies = groups(svg, 'study');
    expect(studies.map((s) => s.data['study'])).toEqual((bcg['trial'] as number[]).map((t) => `trial-${t}`));
    studies.forEach((s, i) => {
      const [yi, lb, ub] = [escalc.yi[i], escalc.ci_lb[i], escalc.ci_ub[i]] as number[];
      expect(Number(s.data['estimate'])).toBeCloseTo(yi ?? NaN, 10);
      const printed = `${Math.exp(yi ?? NaN).toFixed(2)} [${Math.exp(lb ?? NaN).toFixed(2)}, ${Math.exp(ub ?? NaN).toFixed(2)}]`;
      expect(texts(s.body)).toContain(printed);
      expect(texts(s.body)).toContain(`${(reml['weights_percent'] as unknown as number[])[i]?.toFixed(1)}%`);
      // Marker area in proportion to the weight.
      expect(attr(s.body, 'rect', 'width', 'study-marker')).toHaveLength(1);
    });
    const sides = studies.map((s) => attr(s.body, 'rect', 'width', 'study-marker')[0] ?? 0);
    const weights = reml['weights_percent'] as unknown as number[];
    const heaviest = weights.indexOf(Math.max(...weights));
    const lightest = weights.indexOf(Math.min(...weights));
    expect((sides[lightest] ?? 0) ** 2 / (sides[heaviest] ?? 1) ** 2).toBeCloseTo(
      (weights[lightest] ?? 0) / (weights[heaviest] ?? 1),
      2,
    );
  });

  it('the diamond is centred on the pooled estimate on the log axis, with ticks at round ratios', async () => {
    const { svg } = await svgOf(['--data', BCG, '--measure', 'RR', '--better', 'lower']);
    const axis = axisOf(svg);
    expect(axis.log).toBe(true);
    // Ticks are evenly spaced in log(value): every tick lies on the line through the first and last.
    for (const t of axis.ticks) expect(Math.abs(t.x - axis.x(t.value))).toBeLessThan(0.02);
    const values = axis.ticks.map((t) => t.value);
    expect(values).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]);
    // The axis covers every study's interval (metafor: exp(ci.lb) min 0.073, exp(ci.ub) max 6.53).
    expect(values[0]).toBeLessThanOrEqual(Math.exp(Math.min(...escalc.ci_lb)));
    expect(values[values.length - 1]).toBeGreaterThanOrEqual(Math.exp(Math.max(...escalc.ci_ub)));

    const pooled = groups(svg, 'pooled')[0];
    const diamond = polygonPoints(pooled?.body ?? '', 'diamond')[0] ?? [];
    const [left, top, right] = diamond;
    expect(Math.abs((top?.[0] ?? NaN) - axis.x(reml['pred_bt'] ?? NaN))).toBeLessThan(0.02);
    expect(Math.abs((left?.[0] ?? NaN) - axis.x(reml['ci_lb_bt'] ?? NaN))).toBeLessThan(0.02);
    expect(Math.abs((right?.[0] ?? NaN) - axis.x(reml['ci_ub_bt'] ?? NaN))).toBeLessThan(0.02);
    expect(texts(pooled?.body ?? '')).toContain('0.49 [0.34, 0.70]');
    // The line of no effect stands at 1.
    const nullX = attr(groups(svg, 'null-line')[0]?.body ?? '', 'line', 'x1')[0];
    expect(Math.abs((nullX ?? NaN) - axis.x(1))).toBeLessThan(0.02);
    // The prediction interval (metafor 0.15 to 1.55) as its own dashed row.
    const pi = groups(svg, 'prediction')[0];
    expect(texts(pi?.body ?? '')).toContain('[0.15, 1.55]');
    expect(pi?.body).toContain('stroke-dasharray');
  });

  it('the pooled row totals each arm over the studies (hand sums of dat.bcg)', async () => {
    const { svg } = await svgOf(['--data', BCG, '--measure', 'RR']);
    const total = (name: string) => (bcg[name] as number[]).reduce((a, b) => a + Number(b), 0);
    const cells = texts(groups(svg, 'pooled')[0]?.body ?? '').slice(1, 5);
    expect(cells).toEqual([
      String(total('tpos')),
      String(total('tpos') + total('tneg')),
      String(total('cpos')),
      String(total('cpos') + total('cneg')),
    ]);
  });

  it('leaves the totals blank when a study pooled only a reported effect (its arms are not known)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-plot-mixed-'));
    writeFileSync(
      path.join(dir, 'outcomes.csv'),
      'study_id,events_treatment,n_treatment,events_control,n_control,effect_measure,effect,ci_low,ci_high\n' +
        'a,4,20,2,20,,,,\n' +
        'b,,,,,RD,0.1,-0.05,0.25\n',
    );
    const { svg } = await svgOf(['--data', dir, '--measure', 'RD']);
    const pooled = texts(groups(svg, 'pooled')[0]?.body ?? '');
    // Label, estimate with CI and weight only: no "4 / 20 / 2 / 20" that would read as both studies' arms.
    expect(pooled).toHaveLength(3);
    expect(pooled).not.toContain('20');
    expect(texts(groups(svg, 'study')[0]?.body ?? '')).toContain('20');
  });

  it('says the result in <title>/<desc>, keeps text as text, and labels both sides', async () => {
    const { svg } = await svgOf(['--data', BCG, '--measure', 'RR', '--better', 'lower']);
    expect(svg).toMatch(/<title id="title">Risk ratio \(95% CI\), 13 studies<\/title>/);
    expect(svg).toContain(
      '<desc id="desc">Forest plot of 13 studies: pooled risk ratio 0.49 (95% CI 0.34 to 0.70, p &lt; 0.0001), random-effects model (REML); prediction interval 0.15 to 1.55; I² = 92.2%.</desc>',
    );
    const all = texts(svg);
    expect(all).toContain('Risk ratio (log scale)');
    // dat.bcg (a vaccine) labels no arm: the treatment arm is not called acupuncture.
    expect(all).toContain('← Favours treatment');
    expect(all).toContain('Favours control →');
    // τ², I² and Q as metafor reports them (tau2 0.3132 [0.1197, 1.1115], I2 92.2%, QE 152.23 on 12 df).
    expect(all).toContain('Heterogeneity: τ² = 0.3132 [0.1197, 1.1115], I² = 92.2%, Q = 152.23 (df = 12, p < 0.0001)');
    expect(all).toContain('Test for overall effect: z = −3.97, p < 0.0001');
    // The font travels with the picture.
    expect(svg).toMatch(/@font-face\{font-family:'DejaVu Sans';font-weight:normal;src:url\(data:font\/ttf;base64,/);
  });

  it('--group-by gives a block per subgroup with its own diamond, and the test for subgroup differences', async () => {
    const { svg } = await svgOf(['--data', BCG, '--measure', 'RR', '--group-by', 'comparison', '--better', 'lower']);
    const headings = groups(svg, 'subgroup-heading').map((g) => texts(g.body)[0]);
    expect(headings).toEqual(['alternate', 'random', 'systematic']);
    const axis = axisOf(svg);
    const diamonds = groups(svg, 'subgroup-pooled');
    expect(diamonds).toHaveLength(3);
    for (const [i, name] of ['alternate', 'random', 'systematic'].entries()) {
      const ref = reference[`bcg_RR_REML_subgroup_${name}`] as Record<string, number>;
      const top = polygonPoints(diamonds[i]?.body ?? '', 'subgroup-diamond')[0]?.[1];
      expect(Math.abs((top?.[0] ?? NaN) - axis.x(ref['pred_bt'] ?? NaN))).toBeLessThan(0.02);
      expect(texts(diamonds[i]?.body ?? '')).toContain(`Subtotal (k = ${ref['k']})`);
    }
    const between = reference['bcg_RR_subgroup_test_between'] as Record<string, number>;
    expect(texts(svg)).toContain(
      `Test for subgroup differences: Q = ${(between['Q_between_random'] ?? NaN).toFixed(2)} (df = 2, p = ${(between['Q_between_random_p'] ?? NaN).toFixed(3)})`,
    );
  });

  it('writes PNG at --width pixels, the same bytes every time', async () => {
    const file = path.join(TMP, 'bcg.png');
    const run = async () => {
      const out = await runCli([
        'plot',
        'forest',
        '--data',
        BCG,
        '--measure',
        'RR',
        '-o',
        file,
        '--width',
        '1200',
        '-q',
      ]);
      expect(out.code, out.stderr).toBe(0);
      return readFileSync(file);
    };
    const first = await run();
    expect(first.subarray(1, 4).toString()).toBe('PNG');
    expect(first.readUInt32BE(16)).toBe(1200);
    expect((await run()).equals(first)).toBe(true);
  });
});

describe('plot forest: the bundled sham-controlled comparisons', { timeout: SLOW }, () => {
  const args = ['--where', 'comparison=acupuncture vs sham', '--measure', 'RR', '--better', 'higher'];

  it('one row per row that pools, the diamond at the pooled estimate of meta, long labels wrapped whole', async () => {
    const meta = await runCli(['meta', '--json', ...args.slice(0, 4)]);
    const result = (
      JSON.parse(meta.stdout) as {
        result: { estimate: number; transformed: { estimate: number }; studies: { label: string }[] };
      }
    ).result;
    const { svg, stderr } = await svgOf(args);
    const studies = groups(svg, 'study');
    expect(studies.map((s) => s.title?.split(':')[0])).toEqual(result.studies.map((s) => s.label));
    // A label longer than the column is wrapped, every word kept, and the row's title holds it whole.
    for (const [i, s] of studies.entries()) {
      const label = result.studies[i]?.label ?? '';
      const lines = texts(s.body).slice(0, label.split(' ').length);
      expect(lines.join(' ').startsWith(label) || texts(s.body).join(' ').includes(label)).toBe(true);
    }
    const axis = axisOf(svg);
    const top = polygonPoints(groups(svg, 'pooled')[0]?.body ?? '', 'diamond')[0]?.[1];
    expect(Math.abs((top?.[0] ?? NaN) - axis.x(result.transformed.estimate))).toBeLessThan(0.02);
    const headers = texts(groups(svg, 'header')[0]?.body ?? '');
    expect(headers).toEqual(
      expect.arrayContaining(['Acupuncture', 'Sham', 'Events', 'Total', 'RR [95% CI]', 'Weight']),
    );
    expect(texts(svg)).toContain('← Favours sham');
    expect(stderr).toMatch(/left out/);
  });
});

describe('plot: where the picture goes', { timeout: SLOW }, () => {
  it('on a terminal without -o, says where to write', async () => {
    const out = await runCli(['plot', 'forest', '--data', BCG, '--measure', 'RR'], { tty: true });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/-o FILE\.svg or -o FILE\.png/);
    expect(out.stdout).toBe('');
  });

  it.each([
    [['-o', 'x.jpg'], /must end in \.svg or \.png/],
    [['-o', 'x.svg', '--width', '800'], /size a PNG/],
    [['-o', 'x.png', '--width', '800', '--scale', '2'], /give one/],
    [['--xlim', '0,10'], /above 0/],
    [['--xlim', '5,1'], /low before high/],
    [['--favours', 'one'], /two names/],
  ])('%j is a usage error', async (extra, message) => {
    const out = await runCli(['plot', 'forest', '--data', BCG, '--measure', 'RR', ...extra], { cwd: TMP });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
  });

  it('without --better says the sides are unlabelled', async () => {
    const { stderr } = await svgOf(['--data', BCG, '--measure', 'RR']);
    expect(stderr).toMatch(/--better higher or --better lower/);
  });
});

describe('plot funnel', { timeout: SLOW }, () => {
  it("dat.bcg: a point per study at its effect and SE, the region around the estimate, Egger's test as metafor", async () => {
    const out = await runCli(['plot', 'funnel', '--data', BCG, '--measure', 'RR']);
    expect(out.code, out.stderr).toBe(0);
    const svg = out.stdout;
    const points = groups(svg, 'study');
    expect(points.map((p) => p.data['study'])).toEqual((bcg['trial'] as number[]).map((t) => `trial-${t}`));
    const axis = axisOf(svg);
    // SE runs down from 0, linearly: y of each point from the first and last y tick.
    const yTicks = groups(svg, 'y-tick').map((g) => ({
      se: Number(g.data['value']),
      y: attr(g.body, 'line', 'y1')[0] ?? NaN,
    }));
    const [y0, y1] = [yTicks[0], yTicks[yTicks.length - 1]];
    expect(y0?.se).toBe(0);
    const ySe = (se: number) => (y0?.y ?? 0) + (se / (y1?.se ?? 1)) * ((y1?.y ?? 0) - (y0?.y ?? 0));
    points.forEach((p, i) => {
      const se =
        (escalc as unknown as { yi: number[] }) &&
        Math.sqrt((reference['bcg_RR_escalc'] as { vi: number[] }).vi[i] ?? NaN);
      expect(Math.abs((attr(p.body, 'circle', 'cy')[0] ?? NaN) - ySe(se))).toBeLessThan(0.02);
      expect(Math.abs((attr(p.body, 'circle', 'cx')[0] ?? NaN) - axis.x(Math.exp(escalc.yi[i] ?? NaN)))).toBeLessThan(
        0.02,
      );
    });
    // The region: apex at the pooled estimate, SE 0; base at estimate ± 1.96 × the lowest SE tick shown.
    const region = polygonPoints(groups(svg, 'region')[0]?.body ?? '', 'region')[0] ?? [];
    const z = 1.959963984540054;
    const seMax = y1?.se ?? NaN;
    expect(Math.abs((region[0]?.[0] ?? NaN) - axis.x(reml['pred_bt'] ?? NaN))).toBeLessThan(0.02);
    expect(Math.abs((region[1]?.[0] ?? NaN) - axis.x(Math.exp((reml['estimate'] ?? NaN) - z * seMax)))).toBeLessThan(
      0.02,
    );
    expect(Math.abs((region[2]?.[0] ?? NaN) - axis.x(Math.exp((reml['estimate'] ?? NaN) + z * seMax)))).toBeLessThan(
      0.02,
    );
    // metafor regtest(res): z = -0.8033, p = 0.4218; limit estimate exp(-0.5104) = 0.60 [exp(-1.118) = 0.33, exp(0.097) = 1.10].
    const caption = texts(groups(svg, 'caption')[0]?.body ?? '').join(' ');
    expect(caption).toContain('z = −0.80');
    expect(caption).toContain('0.422');
    expect(caption).toContain('0.60 [0.33, 1.10]');
    expect(svg).toContain('Egger&#39;s test p = 0.422');
  });

  it("with two studies it still draws, and says why there is no Egger's test", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-plot-two-'));
    const lines = readFileSync(path.join(BCG, 'outcomes.csv'), 'utf8').split('\n').slice(0, 3);
    writeFileSync(path.join(dir, 'outcomes.csv'), `${lines.join('\n')}\n`);
    const out = await runCli(['plot', 'funnel', '--data', dir, '--measure', 'RR']);
    expect(out.code, out.stderr).toBe(0);
    expect(groups(out.stdout, 'study')).toHaveLength(2);
    expect(texts(out.stdout).join(' ')).toMatch(/Egger's regression test: it needs at least 3 studies/);
  });
});

describe('plot summary', { timeout: SLOW }, () => {
  it('positive-outcome ratios per review: the numbers of outcomes --group-by review, markers on a 0–100% axis', async () => {
    const table = await runCli(['outcomes', '--json', '--group-by', 'review', '--vs', 'any']);
    type Ratio = { group: string | null; positive: number; known: number; ratio: number | null };
    const expected = (JSON.parse(table.stdout) as { result: { rows: Ratio[]; total: Ratio } }).result;
    const out = await runCli(['plot', 'summary']);
    expect(out.code, out.stderr).toBe(0);
    const rows = groups(out.stdout, 'row');
    const shown = expected.rows.filter((r) => r.ratio !== null);
    expect(rows.map((r) => r.data['label'])).toEqual(shown.map((r) => r.group ?? '(none)'));
    const axis = axisOf(out.stdout);
    expect(axis.ticks.map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    rows.forEach((r, i) => {
      const e = shown[i] as Ratio;
      expect(texts(r.body)).toContain(`${e.positive}/${e.known}`);
      expect(Math.abs((attr(r.body, 'circle', 'cx')[0] ?? NaN) - axis.x(e.ratio ?? NaN))).toBeLessThan(0.02);
    });
    const total = groups(out.stdout, 'total')[0];
    expect(texts(total?.body ?? '')).toContain(`${expected.total.positive}/${expected.total.known}`);
    const hidden = expected.rows.filter((r) => r.ratio === null).map((r) => r.group);
    if (hidden.length > 0)
      expect(texts(out.stdout).join(' ')).toContain(`Not shown (no study with a known result): ${hidden.join(', ')}`);
  });

  it('adverse-event rates per event type, as adverse-events --group-by event', async () => {
    const table = await runCli(['adverse-events', '--json', '--group-by', 'event', '--where', 'acupuncture_arm=yes']);
    type Rate = { group: string; events: number | null; exposed: number | null; rate: number | null };
    const expected = (JSON.parse(table.stdout) as { result: { rows: Rate[] } }).result.rows.filter(
      (r) => r.rate !== null,
    );
    const out = await runCli(['plot', 'summary', '--of', 'adverse-events', '--where', 'acupuncture_arm=yes']);
    expect(out.code, out.stderr).toBe(0);
    const rows = groups(out.stdout, 'row');
    expect(rows.map((r) => r.data['label'])).toEqual(expected.map((r) => r.group));
    rows.forEach((r, i) => expect(texts(r.body)).toContain(`${expected[i]?.events}/${expected[i]?.exposed}`));
  });
});

describe('plot: help, accessibility, loading', { timeout: SLOW }, () => {
  it.each(['forest', 'funnel', 'summary'])('every example of plot %s --help runs as printed', async (name) => {
    const help = await runCli(['plot', name, '--help']);
    expect(help.code).toBe(0);
    const examples = help.stdout.split('\n').filter((l) => l.startsWith('  $ acu-evidence ') && !l.includes('my'));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const argv = [...example.replace('  $ acu-evidence ', '').matchAll(/"([^"]*)"|(\S+)/g)].map(
        (m) => m[1] ?? m[2] ?? '',
      );
      const file = argv[argv.indexOf('-o') + 1] ?? '';
      const out = await runCli(argv, { cwd: TMP });
      expect(out.code, `${example}\n${out.stderr}`).toBe(0);
      const bytes = readFileSync(path.join(TMP, file));
      if (file.endsWith('.png')) expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      else expect(bytes.toString('utf8')).toMatch(/^<svg [^>]*role="img"/);
    }
  });

  it('data cells cannot inject markup: labels are escaped text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-plot-hostile-'));
    writeFileSync(
      path.join(dir, 'outcomes.csv'),
      'study_id,events_treatment,n_treatment,events_control,n_control\n' +
        '"x</text><script>alert(1)</script>",4,100,10,100\n"y&amp;<a href=\'javascript:0\'>",5,100,9,100\n',
    );
    const out = await runCli(['plot', 'forest', '--data', dir, '--measure', 'RR', '--title', '<script>t</script>']);
    if (out.code === 0) {
      expect(out.stdout).not.toMatch(/<script|<a /);
      expect(out.stdout).toContain('&lt;script&gt;');
    } else {
      expect(out.code).toBe(2);
      expect(out.stderr).not.toMatch(/internal error/);
    }
  });

  it('colour is never the only carrier: the pooled and subgroup diamonds differ in fill and in their labels', async () => {
    const { svg } = await svgOf(['--data', BCG, '--measure', 'RR', '--group-by', 'comparison']);
    const pooled = groups(svg, 'pooled')[0]?.body ?? '';
    const sub = groups(svg, 'subgroup-pooled')[0]?.body ?? '';
    expect(pooled).toMatch(/class="diamond"/);
    expect(sub).toMatch(/fill="#ffffff" stroke="#000000"[^>]*class="subgroup-diamond"/);
    expect(texts(pooled)[0]).toMatch(/^Random-effects model/);
    expect(texts(sub)[0]).toMatch(/^Subtotal/);
  });
});

describe('plotForBlock: the hook for evidence blocks', { timeout: SLOW }, () => {
  const io = (cwd: string) => ({
    stdout: { write: () => true },
    stderr: { write: () => true },
    readStdin: () => Promise.resolve(''),
    env: {},
    cwd,
  });

  it('returns the SVG and the alt text that states the pooled result, and writes nothing', async () => {
    const { plotForBlock } = await import('../../src/commands/plot-run.js');
    const file = path.join(TMP, 'block', 'forest.svg');
    const picture = await plotForBlock(['forest', '--data', BCG, '--measure', 'RR', '-o', file], io(TMP));
    expect(picture.format).toBe('svg');
    expect(picture.output).toBe(file);
    expect(String(picture.bytes)).toMatch(/^<svg /);
    // metafor: exp(-0.7145) = 0.49 [0.34, 0.70], prediction interval 0.15 to 1.55, I² 92.2%.
    expect(picture.alt).toBe(
      'Forest plot of 13 studies: pooled risk ratio 0.49 (95% CI 0.34 to 0.70, p < 0.0001), random-effects model (REML); prediction interval 0.15 to 1.55; I² = 92.2%.',
    );
    expect(() => readFileSync(file)).toThrow();
    const png = await plotForBlock(
      ['funnel', '--data', BCG, '--measure', 'RR', '-o', 'f.png', '--width', '400'],
      io(TMP),
    );
    expect(png.format).toBe('png');
    expect(Buffer.from(png.bytes as Uint8Array).readUInt32BE(16)).toBe(400);
  });

  it('rejects what is not a plot', async () => {
    const { plotForBlock } = await import('../../src/commands/plot-run.js');
    await expect(plotForBlock(['forest', '--data', BCG, '-o', 'x.gif'], io(TMP))).rejects.toThrow(/\.svg or \.png/);
    await expect(plotForBlock(['meta'], io(TMP))).rejects.toThrow();
  });
});
