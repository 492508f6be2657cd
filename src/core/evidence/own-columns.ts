/**
 * A researcher's own columns: a CSV column named `x_` + a name (x_weeks, x_dose) is kept on each
 * row without being declared in the schema, for moderators (`meta --mods x_weeks`). Its cells are
 * numbers when they read as numbers and text otherwise; an empty cell is null (unknown). Any other
 * column the schema does not know stays an error, so that typos in real column names are caught.
 */
import type { Cell } from './table.js';

const OWN_COLUMN = /^x_[A-Za-z0-9_]+$/;

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function isOwnColumn(name: string): boolean {
  return OWN_COLUMN.test(name);
}

export function ownCell(raw: string): Cell {
  const text = raw.trim();
  if (text === '') return null;
  return NUMBER.test(text) ? Number(text) : text;
}
