import type { Report } from './report.js';

const SCHEMA_VERSION = 1;

/** The stable JSON envelope of design.md §3. */
export function renderJson(report: Report): string {
  const envelope = {
    schemaVersion: SCHEMA_VERSION,
    command: report.command,
    filters: report.filters,
    result: report.json,
  };
  return `${escapeInvisible(JSON.stringify(envelope, null, 2))}\n`;
}

/**
 * JSON.stringify leaves DEL, C1 controls (U+0080–U+009F) and the line separators U+2028/U+2029
 * raw; escaped, the output shows them and is safe to paste into a terminal or a script. They can
 * only occur inside strings, so replacing them everywhere keeps the JSON valid and equal.
 */
export function escapeInvisible(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
