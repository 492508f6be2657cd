import type { Report } from './report.js';

export const SCHEMA_VERSION = 1;

/** The stable JSON envelope of design.md §3. */
export function renderJson(report: Report): string {
  const envelope = {
    schemaVersion: SCHEMA_VERSION,
    command: report.command,
    filters: report.filters,
    result: report.json,
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}
