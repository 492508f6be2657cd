/**
 * A picture as a list of shapes in pixels (origin top left), independent of the output format.
 * Layouts in this folder build scenes; render/svg writes them. Every shape carries a role so that
 * tests (and screen readers, through the SVG's groups) can tell a study marker from a diamond.
 */

type Role =
  | 'frame'
  | 'header'
  | 'label'
  | 'cell'
  | 'study-marker'
  | 'study-ci'
  | 'clip-arrow'
  | 'diamond'
  | 'subgroup-diamond'
  | 'prediction'
  | 'null-line'
  | 'axis'
  | 'tick'
  | 'tick-label'
  | 'axis-title'
  | 'favours'
  | 'rule'
  | 'caption'
  | 'point'
  | 'region'
  | 'title';

interface TextShape {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  size: number;
  anchor: 'start' | 'middle' | 'end';
  bold?: boolean;
  italic?: boolean;
  /** Degrees, about (x, y); -90 reads bottom to top (a vertical axis title). */
  rotate?: number;
  role: Role;
}

interface LineShape {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  dash?: string;
  colour?: string;
  role: Role;
}

interface RectShape {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  stroke?: string;
  role: Role;
}

interface PolygonShape {
  kind: 'polygon';
  points: readonly (readonly [number, number])[];
  fill: string;
  stroke?: string;
  dash?: string;
  role: Role;
}

interface CircleShape {
  kind: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke?: string;
  role: Role;
}

export type Shape = TextShape | LineShape | RectShape | PolygonShape | CircleShape;

/** Shapes that belong together (one study row, one tick), with what they stand for. */
export interface Group {
  role: string;
  /** Read out by screen readers and shown as a tooltip (the SVG <title> of the group). */
  title?: string;
  /** Machine-readable values, written as data-* attributes (the study id, the estimate...). */
  data?: Record<string, string | number>;
  shapes: Shape[];
}

export interface Scene {
  width: number;
  height: number;
  /** The SVG <title>: what the picture is. */
  title: string;
  /** The SVG <desc>: the result in words, for readers who cannot see the picture. */
  desc: string;
  groups: Group[];
}

/** Widths of text in the picture's font, in pixels at a font size. */
export interface TextMeasure {
  width(text: string, size: number, bold?: boolean): number;
}

/** Colours that stay apart in grey scale and for colour-blind readers (Okabe-Ito blue, black, greys). */
export const INK = {
  text: '#000000',
  line: '#000000',
  study: '#000000',
  muted: '#595959',
  light: '#bfbfbf',
  pooled: '#0072b2',
  subgroup: '#ffffff',
  region: '#f0f0f0',
  background: '#ffffff',
} as const;
