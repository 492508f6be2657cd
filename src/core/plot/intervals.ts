/**
 * Layout of a summary chart: one row per group (review, comparator, event type) with a proportion
 * and its interval on a 0–100% axis, the counts and the interval as text, and a total row.
 */
import { niceLinear, type AxisScale } from './scale.js';
import { INK, type Group, type Scene, type Shape, type TextMeasure } from './scene.js';
import { captionGroup, interval, text, titleGroup } from './forest.js';
import { fitLabels } from './text.js';
import { SIZE, SMALL, LINE, ROW, PAD, GAP } from './spacing.js';

export interface IntervalRow {
  label: string;
  /** Proportions in [0, 1]; null when the group has nothing to count. */
  estimate: number | null;
  lo: number | null;
  hi: number | null;
  counts: string;
  estimateText: string;
  total?: boolean;
}

export interface IntervalSpec {
  title: string;
  desc: string;
  labelHeader: string;
  countsHeader: string;
  estimateHeader: string;
  axisTitle: string;
  rows: IntervalRow[];
  caption: string[];
}

function linearScale(lo: number, hi: number, x0: number, x1: number): AxisScale {
  const ticks = niceLinear(lo, hi, 5).map((v) => ({ at: v, value: v }));
  const first = ticks[0]?.at ?? lo;
  const last = ticks[ticks.length - 1]?.at ?? hi;
  const x = (v: number) => x0 + ((v - first) / (last - first || 1)) * (x1 - x0);
  return { lo: first, hi: last, x0, x1, x, ticks, nullAt: null, log: false };
}

export function layoutIntervals(spec: IntervalSpec, measure: TextMeasure): Scene {
  const w = (t: string, size = SIZE, bold = false) => measure.width(t, size, bold);
  const labelWidth = Math.min(
    280,
    Math.max(w(spec.labelHeader, SIZE, true), ...spec.rows.map((r) => w(r.label, SIZE, r.total === true))),
  );
  const labels = fitLabels(
    spec.rows.map((r) => r.label),
    labelWidth,
    3,
    SIZE,
    measure,
  );
  const labelX = PAD;
  const countsRight =
    labelX +
    labelWidth +
    GAP +
    Math.max(w(spec.countsHeader, SIZE, true), ...spec.rows.map((r) => w(r.counts, SIZE, r.total === true)));
  const plotX0 = countsRight + GAP + 6;
  const plotX1 = plotX0 + 320;
  const estimateX = plotX1 + GAP + 6;
  const right =
    estimateX + Math.max(w(spec.estimateHeader, SIZE, true), ...spec.rows.map((r) => w(r.estimateText, SIZE, true)));
  const highest = Math.max(0, ...spec.rows.map((r) => r.hi ?? 0));
  // Small rates get an axis to their size; ratios near one the whole 0–100%.
  const scale = linearScale(0, highest > 0.5 ? 1 : Math.max(highest, 0.01), plotX0, plotX1);

  const groups: Group[] = [];
  let y = PAD;
  const title = titleGroup(spec.title, PAD, y, right - PAD, measure);
  groups.push(title.group);
  y += title.height + 12;
  const hy = y + SIZE;
  groups.push({
    role: 'header',
    shapes: [
      text(labelX, hy, spec.labelHeader, 'header', { bold: true }),
      text(countsRight, hy, spec.countsHeader, 'header', { anchor: 'end', bold: true }),
      text(estimateX, hy, spec.estimateHeader, 'header', { bold: true }),
      { kind: 'line', x1: PAD, y1: hy + 6, x2: right, y2: hy + 6, width: 0.8, role: 'rule' },
    ],
  });
  y = hy + 12;
  const plotTop = y;
  spec.rows.forEach((r, i) => {
    const lines = labels[i] ?? [r.label];
    if (r.total) {
      groups.push({
        role: 'rule',
        shapes: [
          { kind: 'line', x1: PAD, y1: y + 2, x2: right, y2: y + 2, width: 0.6, colour: INK.light, role: 'rule' },
        ],
      });
      y += 6;
    }
    const mid = y + ROW / 2;
    const baseline = mid + SIZE / 2 - 2;
    const bold = r.total === true;
    const shapes: Shape[] = lines.map((l, j) => text(labelX, baseline + j * LINE, l, 'label', { bold }));
    shapes.push(text(countsRight, baseline, r.counts, 'cell', { anchor: 'end', bold }));
    if (r.estimate !== null && r.lo !== null && r.hi !== null) {
      shapes.push(...interval(scale, r.lo, r.hi, mid, 'study-ci'));
      const cx = scale.x(r.estimate);
      shapes.push(
        bold
          ? {
              kind: 'polygon',
              points: [
                [cx - 6, mid],
                [cx, mid - 6],
                [cx + 6, mid],
                [cx, mid + 6],
              ],
              fill: INK.pooled,
              stroke: INK.line,
              role: 'diamond',
            }
          : { kind: 'circle', cx, cy: mid, r: 4.5, fill: INK.study, role: 'point' },
      );
    }
    shapes.push(text(estimateX, baseline, r.estimateText, 'cell', { bold }));
    groups.push({
      role: bold ? 'total' : 'row',
      title: `${r.label}: ${r.counts} ${r.estimateText}`,
      data: {
        label: r.label,
        ...(r.estimate === null ? {} : { estimate: r.estimate }),
        ...(r.lo === null ? {} : { lo: r.lo }),
        ...(r.hi === null ? {} : { hi: r.hi }),
      },
      shapes,
    });
    y += ROW + (lines.length - 1) * LINE;
  });
  const ay = y + 4;
  for (const t of scale.ticks) {
    const tx = scale.x(t.at);
    groups.push({
      role: 'tick',
      data: { value: t.value, at: t.at },
      shapes: [
        { kind: 'line', x1: tx, y1: plotTop, x2: tx, y2: ay, width: 0.5, colour: INK.light, dash: '2 3', role: 'tick' },
        { kind: 'line', x1: tx, y1: ay, x2: tx, y2: ay + 4, width: 0.8, role: 'tick' },
        text(tx, ay + 5 + SMALL, `${Number((t.value * 100).toPrecision(6))}%`, 'tick-label', {
          anchor: 'middle',
          size: SMALL,
        }),
      ],
    });
  }
  groups.push({
    role: 'axis',
    data: { lo: scale.lo, hi: scale.hi, x0: scale.x0, x1: scale.x1, log: 0 },
    shapes: [{ kind: 'line', x1: scale.x0, y1: ay, x2: scale.x1, y2: ay, width: 0.8, role: 'axis' }],
  });
  y = ay + 5 + SMALL + LINE;
  groups.push({
    role: 'axis-title',
    shapes: [text((scale.x0 + scale.x1) / 2, y, spec.axisTitle, 'axis-title', { anchor: 'middle', size: SMALL })],
  });
  y += 6;
  const caption = captionGroup('caption', spec.caption, PAD, y, right - PAD, measure);
  groups.push(caption.group);
  y = caption.y;
  return { width: Math.ceil(right + PAD), height: Math.ceil(y + PAD), title: spec.title, desc: spec.desc, groups };
}
