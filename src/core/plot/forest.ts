/**
 * Layout of a forest plot: label and data columns on the left, the intervals on a shared axis,
 * the estimate with its interval and the weight on the right; subgroup blocks with their own
 * diamonds; the pooled diamond, the prediction interval, the axis, the favours labels and the
 * footer lines below. Text comes ready-formatted (render/svg/forest.ts); this only places it.
 */
import type { Measure } from '../stats/index.js';
import { axisScale, type AxisScale } from './scale.js';
import { INK, type Group, type Scene, type Shape, type TextMeasure } from './scene.js';
import { fitLabels, wrap } from './text.js';
import { SIZE, SMALL, LINE, ROW, PAD, GAP } from './spacing.js';

export interface ForestStudy {
  id: string;
  label: string;
  /** Analysis scale; NaN when the study is not estimable (drawn as text only). */
  yi: number;
  ci_lb: number;
  ci_ub: number;
  /** Percent of the total weight. */
  weight: number;
  cells: string[];
  estimateText: string;
  weightText: string;
}

interface ForestPooled {
  label: string;
  yi: number;
  ci_lb: number;
  ci_ub: number;
  estimateText: string;
  weightText: string;
  cells?: string[];
}

export interface ForestBlock {
  heading: string | null;
  studies: ForestStudy[];
  /** The subgroup's diamond (null for the single block of a plot without subgroups). */
  pooled: ForestPooled | null;
  /** Lines under the subgroup diamond (its heterogeneity). */
  notes: string[];
}

export interface ForestSpec {
  title: string;
  desc: string;
  measure: Measure;
  ni: readonly number[] | null;
  /** Arm columns: a header per column and the arm it belongs to (printed once over its columns). */
  columns: { header: string; group: string }[];
  estimateHeader: string;
  axisTitle: string;
  /** Words under the axis, left and right of the line of no effect. */
  favours: readonly [string, string] | null;
  blocks: ForestBlock[];
  overall: ForestPooled & { pi: { lo: number; hi: number; text: string } | null };
  footer: string[];
  limits?: readonly [number, number];
  plotWidth?: number;
}

const LABEL_MAX = 260;
const LABEL_LINES = 3;

export function text(
  x: number,
  y: number,
  t: string,
  role: Shape['role'],
  extra: { anchor?: 'start' | 'middle' | 'end'; size?: number; bold?: boolean; italic?: boolean } = {},
): Shape {
  return {
    kind: 'text',
    x,
    y,
    text: t,
    size: extra.size ?? SIZE,
    anchor: extra.anchor ?? 'start',
    role,
    ...(extra.bold ? { bold: true } : {}),
    ...(extra.italic ? { italic: true } : {}),
  };
}

function diamond(scale: AxisScale, p: ForestPooled, y: number, fill: string, role: Shape['role']): Shape {
  const h = 7;
  const [l, m, r] = [scale.x(p.ci_lb), scale.x(p.yi), scale.x(p.ci_ub)].map((v) =>
    Math.max(scale.x0, Math.min(scale.x1, v)),
  ) as [number, number, number];
  return {
    kind: 'polygon',
    points: [
      [l, y],
      [m, y - h],
      [r, y],
      [m, y + h],
    ],
    fill,
    stroke: INK.line,
    role,
  };
}

/** A horizontal interval with whisker ends, or an arrow where it runs off the axis. */
export function interval(
  scale: AxisScale,
  lo: number,
  hi: number,
  y: number,
  role: Shape['role'],
  dash?: string,
): Shape[] {
  const out: Shape[] = [];
  const a = scale.x(lo);
  const b = scale.x(hi);
  const left = Math.max(scale.x0, a);
  const right = Math.min(scale.x1, b);
  if (right < scale.x0 || left > scale.x1) return out;
  out.push({ kind: 'line', x1: left, y1: y, x2: right, y2: y, width: 1.2, role, ...(dash ? { dash } : {}) });
  for (const [x, clipped, dir] of [
    [left, a < scale.x0, -1],
    [right, b > scale.x1, 1],
  ] as const) {
    if (clipped) {
      out.push({
        kind: 'polygon',
        points: [
          [x + dir * 6, y],
          [x, y - 3.5],
          [x, y + 3.5],
        ],
        fill: INK.line,
        role: 'clip-arrow',
      });
    } else {
      out.push({ kind: 'line', x1: x, y1: y - 3, x2: x, y2: y + 3, width: 1.2, role });
    }
  }
  return out;
}

export function layoutForest(spec: ForestSpec, measure: TextMeasure): Scene {
  const w = (t: string, size = SIZE, bold = false) => measure.width(t, size, bold);
  const studies = spec.blocks.flatMap((b) => b.studies);
  const pooledLabels = [
    spec.overall.label,
    ...spec.blocks.flatMap((b) => (b.pooled ? [b.pooled.label] : [])),
    ...spec.blocks.flatMap((b) => (b.heading ? [b.heading] : [])),
  ];
  const labelWidth = Math.min(
    LABEL_MAX,
    Math.max(w('Study', SIZE, true), ...studies.map((s) => w(s.label)), ...pooledLabels.map((l) => w(l, SIZE, true))),
  );
  const labels = fitLabels(
    studies.map((s) => s.label),
    labelWidth,
    LABEL_LINES,
    SIZE,
    measure,
  );
  const labelOf = new Map(studies.map((s, i) => [s, labels[i] ?? [s.label]]));

  // Columns, left to right.
  let x = PAD;
  const labelX = x;
  x += labelWidth + GAP;
  const columnX = spec.columns.map((c, i) => {
    const cells = [
      ...studies.map((s) => s.cells[i] ?? ''),
      ...spec.blocks.flatMap((b) => (b.pooled?.cells ? [b.pooled.cells[i] ?? ''] : [])),
      ...(spec.overall.cells ? [spec.overall.cells[i] ?? ''] : []),
    ];
    const width = Math.max(w(c.header, SIZE, true), ...cells.map((t) => w(t)));
    const right = x + width;
    x = right + GAP;
    return right;
  });
  const plotX0 = x + 4;
  const plotX1 = plotX0 + (spec.plotWidth ?? 300);
  x = plotX1 + GAP + 4;
  const estimateX = x;
  const estimateTexts = [
    spec.estimateHeader,
    ...studies.map((s) => s.estimateText),
    ...spec.blocks.flatMap((b) => (b.pooled ? [b.pooled.estimateText] : [])),
    spec.overall.estimateText,
    spec.overall.pi?.text ?? '',
  ];
  x += Math.max(...estimateTexts.map((t) => w(t, SIZE, true))) + GAP;
  const weightX = x + Math.max(w('Weight', SIZE, true), ...studies.map((s) => s.weightText).map((t) => w(t)));

  const values = [
    ...studies.flatMap((s) => [s.ci_lb, s.ci_ub]),
    spec.overall.ci_lb,
    spec.overall.ci_ub,
    ...(spec.overall.pi ? [spec.overall.pi.lo, spec.overall.pi.hi] : []),
    ...spec.blocks.flatMap((b) => (b.pooled ? [b.pooled.ci_lb, b.pooled.ci_ub] : [])),
  ];
  const scale = axisScale(spec.measure, values, plotX0, plotX1, {
    ni: spec.ni,
    ...(spec.limits ? { limits: spec.limits } : {}),
  });

  const groups: Group[] = [];
  let y = PAD;
  // Title.
  const title = titleGroup(spec.title, PAD, y, weightX - PAD, measure);
  groups.push(title.group);
  y += title.height + 10;

  // Header: arm names over their columns, then the column names.
  const header: Shape[] = [];
  const armGroups = [...new Set(spec.columns.map((c) => c.group))];
  const hasArms = armGroups.length > 0;
  if (hasArms) {
    for (const g of armGroups) {
      const idx = spec.columns.flatMap((c, i) => (c.group === g ? [i] : []));
      const right = columnX[idx[idx.length - 1] ?? 0] ?? 0;
      const firstCol = idx[0] ?? 0;
      const left =
        (columnX[firstCol] ?? 0) -
        Math.max(
          w(spec.columns[firstCol]?.header ?? '', SIZE, true),
          ...studies.map((s) => w(s.cells[firstCol] ?? '')),
        );
      header.push(text((left + right) / 2, y + SIZE, g, 'header', { anchor: 'middle', bold: true }));
      header.push({ kind: 'line', x1: left, y1: y + SIZE + 4, x2: right, y2: y + SIZE + 4, width: 0.6, role: 'rule' });
    }
    y += LINE + 4;
  }
  const hy = y + SIZE;
  header.push(text(labelX, hy, 'Study', 'header', { bold: true }));
  spec.columns.forEach((c, i) =>
    header.push(text(columnX[i] ?? 0, hy, c.header, 'header', { anchor: 'end', bold: true })),
  );
  header.push(text(estimateX, hy, spec.estimateHeader, 'header', { bold: true }));
  header.push(text(weightX, hy, 'Weight', 'header', { anchor: 'end', bold: true }));
  y = hy + 6;
  header.push({ kind: 'line', x1: PAD, y1: y, x2: weightX, y2: y, width: 0.8, role: 'rule' });
  groups.push({ role: 'header', shapes: header });
  y += 6;
  const plotTop = y;

  const rowShapes = (cells: readonly string[], baseline: number, bold: boolean): Shape[] =>
    cells.map((t, i) => text(columnX[i] ?? 0, baseline, t, 'cell', { anchor: 'end', bold }));

  const pooledRow = (p: ForestPooled, role: 'diamond' | 'subgroup-diamond', fill: string): Group => {
    const mid = y + ROW / 2;
    const baseline = mid + SIZE / 2 - 2;
    const g: Group = {
      role: role === 'diamond' ? 'pooled' : 'subgroup-pooled',
      title: `${p.label}: ${p.estimateText}`,
      data: { estimate: p.yi, ci_lb: p.ci_lb, ci_ub: p.ci_ub },
      shapes: [
        text(labelX, baseline, p.label, 'label', { bold: true }),
        ...rowShapes(p.cells ?? [], baseline, true),
        diamond(scale, p, mid, fill, role),
        text(estimateX, baseline, p.estimateText, 'cell', { bold: true }),
        text(weightX, baseline, p.weightText, 'cell', { anchor: 'end', bold: true }),
      ],
    };
    y += ROW;
    return g;
  };

  for (const block of spec.blocks) {
    if (block.heading !== null) {
      y += 4;
      groups.push({
        role: 'subgroup-heading',
        shapes: [text(labelX, y + SIZE, block.heading, 'label', { bold: true, italic: true })],
      });
      y += ROW;
    }
    for (const s of block.studies) {
      const lines = labelOf.get(s) ?? [s.label];
      const height = ROW + (lines.length - 1) * LINE;
      const mid = y + ROW / 2;
      const baseline = mid + SIZE / 2 - 2;
      const shapes: Shape[] = lines.map((l, i) => text(labelX, baseline + i * LINE, l, 'label'));
      shapes.push(...rowShapes(s.cells, baseline, false));
      if (Number.isFinite(s.yi)) {
        shapes.push(...interval(scale, s.ci_lb, s.ci_ub, mid, 'study-ci'));
        const maxWeight = Math.max(...studies.map((t) => (Number.isFinite(t.weight) ? t.weight : 0)));
        // Marker area in proportion to the weight; a floor keeps the lightest study visible.
        const side = Math.max(3, 14 * Math.sqrt(Math.max(0, s.weight) / (maxWeight || 1)));
        const cx = scale.x(s.yi);
        if (cx >= scale.x0 && cx <= scale.x1)
          shapes.push({
            kind: 'rect',
            x: cx - side / 2,
            y: mid - side / 2,
            w: side,
            h: side,
            fill: INK.study,
            role: 'study-marker',
          });
      }
      shapes.push(text(estimateX, baseline, s.estimateText, 'cell'));
      shapes.push(text(weightX, baseline, s.weightText, 'cell', { anchor: 'end' }));
      groups.push({
        role: 'study',
        title: `${s.label}: ${s.estimateText}${s.weightText ? `, weight ${s.weightText}` : ''}`,
        data: { study: s.id, estimate: s.yi, ci_lb: s.ci_lb, ci_ub: s.ci_ub, weight: s.weight },
        shapes,
      });
      y += height;
    }
    if (block.pooled) groups.push(pooledRow(block.pooled, 'subgroup-diamond', INK.subgroup));
    // Notes stay left of the plot, so that the line of no effect never crosses them.
    for (const note of block.notes) {
      for (const part of wrap(note, plotX0 - GAP - labelX, SMALL, measure)) {
        groups.push({ role: 'subgroup-note', shapes: [text(labelX, y + SMALL, part, 'caption', { size: SMALL })] });
        y += LINE;
      }
    }
  }
  y += 4;
  groups.push({
    role: 'rule',
    shapes: [{ kind: 'line', x1: PAD, y1: y, x2: weightX, y2: y, width: 0.6, colour: INK.light, role: 'rule' }],
  });
  y += 4;
  groups.push(pooledRow(spec.overall, 'diamond', INK.pooled));
  const pi = spec.overall.pi;
  if (pi) {
    const mid = y + ROW / 2;
    const baseline = mid + SIZE / 2 - 2;
    groups.push({
      role: 'prediction',
      title: `Prediction interval: ${pi.text}`,
      data: { pi_lb: pi.lo, pi_ub: pi.hi },
      shapes: [
        text(labelX, baseline, 'Prediction interval', 'label'),
        ...interval(scale, pi.lo, pi.hi, mid, 'prediction', '5 3'),
        text(estimateX, baseline, pi.text, 'cell'),
      ],
    });
    y += ROW;
  }
  const plotBottom = y + 4;

  // Line of no effect, axis and ticks.
  const axis: Shape[] = [];
  if (scale.nullAt !== null && scale.nullAt >= scale.lo && scale.nullAt <= scale.hi) {
    const nx = scale.x(scale.nullAt);
    axis.push({ kind: 'line', x1: nx, y1: plotTop, x2: nx, y2: plotBottom, width: 0.8, role: 'null-line' });
  }
  groups.push({ role: 'null-line', shapes: axis });
  const ay = plotBottom;
  groups.push({
    role: 'axis',
    data: { lo: scale.lo, hi: scale.hi, x0: scale.x0, x1: scale.x1, log: scale.log ? 1 : 0 },
    shapes: [{ kind: 'line', x1: scale.x0, y1: ay, x2: scale.x1, y2: ay, width: 0.8, role: 'axis' }],
  });
  for (const t of scale.ticks) {
    const tx = scale.x(t.at);
    groups.push({
      role: 'tick',
      data: { value: t.value, at: t.at },
      shapes: [
        { kind: 'line', x1: tx, y1: ay, x2: tx, y2: ay + 4, width: 0.8, role: 'tick' },
        text(tx, ay + 5 + SMALL, tickLabel(spec.measure, t.value), 'tick-label', { anchor: 'middle', size: SMALL }),
      ],
    });
  }
  y = ay + 5 + SMALL + LINE;
  groups.push({
    role: 'axis-title',
    shapes: [text((scale.x0 + scale.x1) / 2, y, spec.axisTitle, 'axis-title', { anchor: 'middle', size: SMALL })],
  });
  if (spec.favours && scale.nullAt !== null && scale.nullAt >= scale.lo && scale.nullAt <= scale.hi) {
    y += LINE;
    const nx = scale.x(scale.nullAt);
    groups.push({
      role: 'favours',
      shapes: [
        text(nx - 6, y, `← ${spec.favours[0]}`, 'favours', { anchor: 'end', size: SMALL }),
        text(nx + 6, y, `${spec.favours[1]} →`, 'favours', { anchor: 'start', size: SMALL }),
      ],
    });
  }
  y += 8;
  const footer = captionGroup('footer', spec.footer, PAD, y, weightX - PAD, measure);
  groups.push(footer.group);
  y = footer.y;
  const width = Math.ceil(weightX + PAD);
  const height = Math.ceil(y + PAD);
  return { width, height, title: spec.title, desc: spec.desc, groups };
}

/** A picture's title, wrapped to `width` at 14 px bold, its first baseline 14 px below `y`. */
export function titleGroup(
  title: string,
  x: number,
  y: number,
  width: number,
  measure: TextMeasure,
): { group: Group; height: number } {
  const lines = wrap(title, width, 14, measure, true);
  const shapes = lines.map((t, i) => text(x, y + 14 + i * 18, t, 'title', { size: 14, bold: true }));
  return { group: { role: 'title', shapes }, height: lines.length * 18 };
}

/** Caption lines under a picture, each wrapped to `width` in small type; `y` is the last baseline. */
export function captionGroup(
  role: Group['role'],
  lines: readonly string[],
  x: number,
  top: number,
  width: number,
  measure: TextMeasure,
): { group: Group; y: number } {
  let y = top;
  const shapes: Shape[] = [];
  for (const line of lines) {
    for (const part of wrap(line, width, SMALL, measure)) {
      y += LINE;
      shapes.push(text(x, y, part, 'caption', { size: SMALL }));
    }
  }
  return { group: { role, shapes }, y };
}

/** Tick labels on the natural scale: proportions in percent, other values with the digits they need. */
export function tickLabel(measure: Measure, value: number): string {
  if (measure === 'PLO' || measure === 'PR' || measure === 'PFT' || measure === 'PAS') {
    return `${Number((value * 100).toPrecision(6))}%`;
  }
  return String(Number(value.toPrecision(6))).replace(/^-/, '−');
}
