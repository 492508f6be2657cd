/** SVG to PNG with resvg (no system libraries, no system fonts: only the picture's own font). */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { EmbeddedFont } from '../render/svg/scene.js';

export interface PngSize {
  /** Width in pixels; the height follows the picture's proportions. */
  width?: number;
  /** Pixels per SVG unit (default 2: sharp on screens and in print at the usual sizes). */
  scale?: number;
}

export function svgToPng(svg: string, font: EmbeddedFont, size: PngSize = {}): Uint8Array {
  const options: ResvgRenderOptions & { font: { fontBuffers: Buffer[] } } = {
    font: {
      loadSystemFonts: false,
      fontBuffers: [Buffer.from(font.regular), ...(font.bold ? [Buffer.from(font.bold)] : [])],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
    fitTo: size.width !== undefined ? { mode: 'width', value: size.width } : { mode: 'zoom', value: size.scale ?? 2 },
    background: '#ffffff',
    logLevel: 'off',
  };
  return new Uint8Array(new Resvg(svg, options).render().asPng());
}
