/** SVG to PNG with resvg (no system libraries, no system fonts: only the picture's own font). */
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { UsageError } from '../errors.js';
import type { EmbeddedFont } from '../render/svg/scene.js';

export interface PngSize {
  /** Width in pixels; the height follows the picture's proportions. */
  width?: number;
  /** Pixels per SVG unit (default 2: sharp on screens and in print at the usual sizes). */
  scale?: number;
}

/** The largest PNG side drawn; beyond it a picture takes too much memory to be useful. */
const MAX_SIDE = 20000;

export async function svgToPng(svg: string, font: EmbeddedFont, size: PngSize = {}): Promise<Uint8Array> {
  // Native code: loaded only when a PNG is asked for.
  const { Resvg } = await import('@resvg/resvg-js');
  const root = /^<svg [^>]*?width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  const [w, h] = [Number(root?.[1]), Number(root?.[2])];
  if (!(w > 0 && h > 0)) throw new Error('the SVG has no size');
  const factor = size.width !== undefined ? size.width / w : (size.scale ?? 2);
  const [pw, ph] = [Math.round(w * factor), Math.round(h * factor)];
  if (pw > MAX_SIDE || ph > MAX_SIDE)
    throw new UsageError(
      `the PNG would be ${pw}×${ph} pixels; keep both sides at most ${MAX_SIDE} (--width or --scale)`,
    );
  // resvg-js 2.6 ignores fitTo when fonts come as buffers: size the root element instead (the viewBox scales).
  const sized = svg.replace(/^(<svg [^>]*?)width="[\d.]+" height="[\d.]+"/, `$1width="${pw}" height="${ph}"`);
  const options: ResvgRenderOptions & { font: { fontBuffers: Buffer[] } } = {
    font: {
      loadSystemFonts: false,
      fontBuffers: [Buffer.from(font.regular), ...(font.bold ? [Buffer.from(font.bold)] : [])],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
    background: '#ffffff',
    logLevel: 'off',
  };
  return new Uint8Array(new Resvg(sized, options).render().asPng());
}
