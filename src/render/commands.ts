/** The table of a `commands` evidence block: every command with its one-line summary, as help lists them. */
import { escapeMarkdownText } from './markdown.js';

export interface CommandLine {
  /** The name, its subcommands and its arguments: `value <metric>`, `plot forest|funnel|summary`. */
  usage: string;
  summary: string;
}

/** A pipe inside a code span would end the cell (GFM reads `\|` as a pipe there); a backtick would end the span. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

export function renderCommandTable(commands: readonly CommandLine[]): string {
  const rows = commands.map((c) => `| ${code(c.usage)} | ${escapeMarkdownText(c.summary)} |`);
  return ['| command | what it does |', '|---|---|', ...rows, ''].join('\n');
}
