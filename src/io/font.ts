/**
 * The bundled font (DejaVu Sans, from @fontsource/dejavu-sans; Bitstream Vera licence and public
 * domain): subset to the characters a picture uses, measured with HarfBuzz, embedded in the SVG
 * and handed to the rasteriser, so that every machine lays out and draws the same glyphs.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { TextMeasure } from '../core/plot/scene.js';
import { FONT_FAMILY, type EmbeddedFont } from '../render/svg/scene.js';

const requireFrom = createRequire(import.meta.url);
const FILES = {
  regular: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff2',
  bold: '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff2',
};

/** Every printable ASCII character, so that numbers and punctuation always measure alike. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const EXTRA = '…←→τ²≥≤−–·×%';

export interface PictureFont {
  font: EmbeddedFont;
  measure: TextMeasure;
}

type HarfBuzz = typeof import('harfbuzzjs');

function measurer(hb: HarfBuzz, regular: Uint8Array, bold: Uint8Array): TextMeasure {
  const make = (bytes: Uint8Array) => {
    const face = new hb.Face(new hb.Blob(bytes), 0);
    return { font: new hb.Font(face), upem: face.upem };
  };
  const fonts = { regular: make(regular), bold: make(bold) };
  const cache = new Map<string, number>();
  return {
    width(text: string, size: number, isBold = false): number {
      const key = `${isBold ? 'b' : 'r'}${text}`;
      let units = cache.get(key);
      if (units === undefined) {
        const f = isBold ? fonts.bold : fonts.regular;
        const buffer = new hb.Buffer();
        buffer.addText(text);
        buffer.guessSegmentProperties();
        hb.shape(f.font, buffer);
        units = buffer.getGlyphPositions().reduce((s, p) => s + p.xAdvance, 0) / f.upem;
        cache.set(key, units);
      }
      return units * size;
    },
  };
}

/** The font subset to the characters of `texts` (plus ASCII), with a measurer for it. */
export async function loadPictureFont(texts: readonly string[]): Promise<PictureFont> {
  const chars = [...new Set([...ASCII, ...EXTRA, ...texts.join('')])].join('');
  const [regularSource, boldSource] = await Promise.all([
    readFile(requireFrom.resolve(FILES.regular)),
    readFile(requireFrom.resolve(FILES.bold)),
  ]);
  const { default: subsetFont } = await import('subset-font');
  const [regular, bold] = await Promise.all([
    subsetFont(regularSource, chars, { targetFormat: 'truetype' }),
    subsetFont(boldSource, chars, { targetFormat: 'truetype' }),
  ]);
  const hb = await import('harfbuzzjs');
  const font = { family: FONT_FAMILY, regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
  return { font, measure: measurer(hb, font.regular, font.bold) };
}
