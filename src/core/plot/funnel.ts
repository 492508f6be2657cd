/**
 * Layout of a funnel plot (metafor `funnel()`): each study's effect (x, analysis scale labelled on
 * the natural scale) against its standard error (y, 0 at the top), the pooled estimate as a
 * vertical line, and the pseudo-confidence region estimate ± z·SE as a shaded triangle.
 */
import type { Measure } from '../stats/index.js';
import { axisScale, niceLinear } from './scale.js';
import { INK, type Group, type Scene, type Shape, type TextMeasure } from './scene.js';
import { tickLabel } from './forest.js';
import { wrap } from './text.js';
import { SMALL, LINE, PAD } from './spacing.js';

export interface FunnelSpec {
  title: string;
  desc: string;
  measure: Measure;
  ni: readonly number[] | null;
  points: { id: string; label: string; yi: number; se: number }[];
  estimate: number;
  /** The critical value of the region (1.96 for 95%). */
  z: number;
  regionLabel: string;
  axisTitle: string;
  caption: string[];
}

export function layoutFunnel(spec: FunnelSpec, measure: TextMeasure): Scene {
  const width = 640;
  const plotLeft = PAD + 60;
  const plotRight = width - PAD - 10;
  const groups: Group[] = [];
  let y = PAD;
  const titleLines = wrap(spec.title, width - 2 * PAD, 14, measure, true);
  groups.push({
    role: 'title',
    shapes: titleLines.map((t, i) => ({
      kind: 'text',
      x: PAD,
      y: y + 14 + i * 18,
      text: t,
      size: 14,
      anchor: 'start',
      bold: true,
      role: 'title',
    })),
  });
  y += titleLines.length * 18 + 14;
  const top = y;
  const bottom = top + 340;
  const maxSe = Math.max(...spec.points.map((p) => p.se).filter(Number.isFinite), 1e-9);
  const seTicks = niceLinear(0, maxSe, 4);
  const seMax = seTicks[seTicks.length - 1] ?? maxSe;
  const ySe = (se: number) => top + (se / seMax) * (bottom - top);
  const spread = spec.z * seMax;
  const scale = axisScale(
    spec.measure,
    [...spec.points.map((p) => p.yi), spec.estimate - spread, spec.estimate + spread],
    plotLeft,
    plotRight,
    { ni: spec.ni },
  );
  const clampX = (v: number) => Math.max(scale.x0, Math.min(scale.x1, scale.x(v)));

  // The region first, so that points and lines lie on it.
  groups.push({
    role: 'region',
    title: spec.regionLabel,
    shapes: [
      {
        kind: 'polygon',
        points: [
          [clampX(spec.estimate), top],
          [clampX(spec.estimate - spread), bottom],
          [clampX(spec.estimate + spread), bottom],
        ],
        fill: INK.region,
        stroke: INK.muted,
        dash: '4 3',
        role: 'region',
      },
    ],
  });
  const shapes: Shape[] = [
    {
      kind: 'rect',
      x: scale.x0,
      y: top,
      w: scale.x1 - scale.x0,
      h: bottom - top,
      fill: 'none',
      stroke: INK.line,
      role: 'frame',
    },
  ];
  groups.push({ role: 'frame', shapes });
  if (scale.nullAt !== null && scale.nullAt > scale.lo && scale.nullAt < scale.hi) {
    const nx = scale.x(scale.nullAt);
    groups.push({
      role: 'null-line',
      shapes: [{ kind: 'line', x1: nx, y1: top, x2: nx, y2: bottom, width: 0.8, dash: '1 2', role: 'null-line' }],
    });
  }
  groups.push({
    role: 'pooled',
    data: { estimate: spec.estimate },
    shapes: [
      {
        kind: 'line',
        x1: scale.x(spec.estimate),
        y1: top,
        x2: scale.x(spec.estimate),
        y2: bottom,
        width: 1.2,
        colour: INK.pooled,
        role: 'diamond',
      },
    ],
  });
  for (const p of spec.points) {
    if (!Number.isFinite(p.yi) || !Number.isFinite(p.se)) continue;
    groups.push({
      role: 'study',
      title: p.label,
      data: { study: p.id, estimate: p.yi, se: p.se },
      shapes: [
        {
          kind: 'circle',
          cx: clampX(p.yi),
          cy: ySe(p.se),
          r: 4,
          fill: INK.study,
          stroke: INK.background,
          role: 'point',
        },
      ],
    });
  }
  // Axes.
  for (const t of scale.ticks) {
    const tx = scale.x(t.at);
    groups.push({
      role: 'tick',
      data: { value: t.value, at: t.at },
      shapes: [
        { kind: 'line', x1: tx, y1: bottom, x2: tx, y2: bottom + 4, width: 0.8, role: 'tick' },
        {
          kind: 'text',
          x: tx,
          y: bottom + 5 + SMALL,
          text: tickLabel(spec.measure, t.value),
          size: SMALL,
          anchor: 'middle',
          role: 'tick-label',
        },
      ],
    });
  }
  groups.push({
    role: 'axis',
    data: { lo: scale.lo, hi: scale.hi, x0: scale.x0, x1: scale.x1, log: scale.log ? 1 : 0 },
    shapes: [],
  });
  for (const se of seTicks) {
    const ty = ySe(se);
    groups.push({
      role: 'y-tick',
      data: { value: se },
      shapes: [
        { kind: 'line', x1: scale.x0 - 4, y1: ty, x2: scale.x0, y2: ty, width: 0.8, role: 'tick' },
        {
          kind: 'text',
          x: scale.x0 - 6,
          y: ty + 4,
          text: String(Number(se.toPrecision(6))),
          size: SMALL,
          anchor: 'end',
          role: 'tick-label',
        },
      ],
    });
  }
  groups.push({
    role: 'axis-title',
    shapes: [
      {
        kind: 'text',
        x: (scale.x0 + scale.x1) / 2,
        y: bottom + 5 + SMALL + LINE + 2,
        text: spec.axisTitle,
        size: SMALL,
        anchor: 'middle',
        role: 'axis-title',
      },
      {
        kind: 'text',
        x: PAD + 12,
        y: (top + bottom) / 2,
        text: 'Standard error',
        size: SMALL,
        anchor: 'middle',
        rotate: -90,
        role: 'axis-title',
      },
    ],
  });
  y = bottom + 5 + SMALL + LINE + 10;
  const caption: Shape[] = [];
  for (const line of spec.caption) {
    for (const part of wrap(line, width - 2 * PAD, SMALL, measure)) {
      y += LINE;
      caption.push({ kind: 'text', x: PAD, y, text: part, size: SMALL, anchor: 'start', role: 'caption' });
    }
  }
  groups.push({ role: 'caption', shapes: caption });
  return { width, height: Math.ceil(y + PAD), title: spec.title, desc: spec.desc, groups };
}
