/** Control characters in CSV cells are input errors, located at the character. */
import type { Problem } from '../errors.js';
import type { RawRecord } from '../core/evidence/validate.js';
import { CONTROL_CHARACTER, describeControl } from '../core/text/controls.js';

export { CONTROL_CHARACTER };

export function controlCharacterProblems(file: string, record: RawRecord): Problem[] {
  const problems: Problem[] = [];
  record.cells.forEach((cell, i) => {
    const match = CONTROL_CHARACTER.exec(cell);
    if (!match) return;
    const before = cell.slice(0, match.index);
    const breaks = before.split('\n').length - 1;
    const start = record.columns[i] ?? 1;
    const column = breaks === 0 ? start + match.index : match.index - before.lastIndexOf('\n');
    problems.push({
      file,
      line: record.line + breaks,
      column,
      message: `control character ${describeControl(match[0])} in field ${i + 1}; remove it (a data cell holds printable text only)`,
    });
  });
  return problems;
}
