// Reads the structure of the SVG that render/svg writes: groups by class with their data-*
// attributes, and the shapes inside them. Enough to assert positions without byte snapshots.

export interface SvgGroup {
  role: string;
  data: Record<string, string>;
  title: string | null;
  body: string;
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function groups(svg: string, role?: string): SvgGroup[] {
  const out: SvgGroup[] = [];
  for (const m of svg.matchAll(/<g class="([^"]+)"([^>]*)>(.*?)<\/g>/g)) {
    const data: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/data-([a-z0-9-]+)="([^"]*)"/g)) data[a[1] ?? ''] = unescape(a[2] ?? '');
    const body = m[3] ?? '';
    const title = /^<title>(.*?)<\/title>/.exec(body);
    if (role === undefined || m[1] === role)
      out.push({ role: m[1] ?? '', data, title: title ? unescape(title[1] ?? '') : null, body });
  }
  return out;
}

export function texts(fragment: string): string[] {
  return [...fragment.matchAll(/<text [^>]*>(.*?)<\/text>/g)].map((m) => unescape(m[1] ?? ''));
}

export function attr(fragment: string, element: string, name: string, cls?: string): number[] {
  const re = new RegExp(`<${element} [^>]*${cls ? `class="${cls}"` : ''}[^>]*>`, 'g');
  return [...fragment.matchAll(re)].map((m) => {
    const v = new RegExp(` ${name}="([^"]*)"`).exec(m[0]);
    return Number(v?.[1]);
  });
}

export function polygonPoints(fragment: string, cls: string): [number, number][][] {
  return [...fragment.matchAll(new RegExp(`<polygon points="([^"]*)"[^>]*class="${cls}"`, 'g'))].map((m) =>
    (m[1] ?? '').split(' ').map((p) => p.split(',').map(Number) as [number, number]),
  );
}
