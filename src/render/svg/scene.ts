/**
 * A scene as SVG text: <title> and <desc> first, text as <text> (selectable, read by screen
 * readers), every group with its role as a class and its values as data-* attributes. With a
 * font, the subset the picture uses is embedded so that browsers draw the same glyphs as the PNG.
 */
import type { Group, Scene, Shape } from '../../core/plot/scene.js';
import { INK } from '../../core/plot/scene.js';

export interface EmbeddedFont {
  family: string;
  /** TrueType subsets: regular, and bold when the picture has bold text. */
  regular: Uint8Array;
  bold?: Uint8Array;
}

export const FONT_FAMILY = 'DejaVu Sans';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Numbers with at most two decimals, so that the file is stable and small. */
function n(value: number): string {
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function shape(s: Shape): string {
  switch (s.kind) {
    case 'text': {
      const attrs = [
        `x="${n(s.x)}"`,
        `y="${n(s.y)}"`,
        `font-size="${n(s.size)}"`,
        s.anchor === 'start' ? '' : `text-anchor="${s.anchor}"`,
        s.bold ? 'font-weight="bold"' : '',
        s.italic ? 'font-style="italic"' : '',
        s.rotate ? `transform="rotate(${n(s.rotate)} ${n(s.x)} ${n(s.y)})"` : '',
        `class="${s.role}"`,
      ].filter((a) => a !== '');
      return `<text ${attrs.join(' ')}>${xml(s.text)}</text>`;
    }
    case 'line':
      return `<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.colour ?? INK.line}" stroke-width="${n(s.width)}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} class="${s.role}"/>`;
    case 'rect':
      return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}"` : ''} class="${s.role}"/>`;
    case 'polygon':
      return `<polygon points="${s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="1"` : ''}${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} class="${s.role}"/>`;
    case 'circle':
      return `<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${n(s.r)}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="1"` : ''} class="${s.role}"/>`;
  }
}

function group(g: Group): string {
  const data = Object.entries(g.data ?? {})
    .map(
      ([k, v]) =>
        ` data-${k.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}="${xml(typeof v === 'number' ? String(v) : v)}"`,
    )
    .join('');
  const title = g.title ? `<title>${xml(g.title)}</title>` : '';
  return `<g class="${g.role}"${data}>${title}${g.shapes.map(shape).join('')}</g>`;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function renderSvg(scene: Scene, font?: EmbeddedFont): string {
  const faces = font
    ? [
        `@font-face{font-family:'${font.family}';font-weight:normal;src:url(data:font/ttf;base64,${base64(font.regular)}) format('truetype');}`,
        ...(font.bold
          ? [
              `@font-face{font-family:'${font.family}';font-weight:bold;src:url(data:font/ttf;base64,${base64(font.bold)}) format('truetype');}`,
            ]
          : []),
      ].join('')
    : '';
  const head = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" role="img" aria-labelledby="title desc" font-family="'${FONT_FAMILY}', 'DejaVu Sans', Verdana, sans-serif" fill="${INK.text}">`,
    `<title id="title">${xml(scene.title)}</title>`,
    `<desc id="desc">${xml(scene.desc)}</desc>`,
    faces ? `<style>${faces}</style>` : '',
    `<rect x="0" y="0" width="${scene.width}" height="${scene.height}" fill="${INK.background}" class="frame"/>`,
  ].filter((l) => l !== '');
  return `${[...head, ...scene.groups.map(group), '</svg>'].join('\n')}\n`;
}
