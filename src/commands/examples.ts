/** The "Examples:" section every command's --help ends with (a test runs each one as printed). */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
