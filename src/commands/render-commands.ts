/**
 * A `commands` block of render: the table of the commands, made from their declarations (the
 * program help lists the same names and summaries), so that a document naming them stays current.
 * It reads no file and runs nothing.
 */
import type { Command } from 'commander';
import { renderCommandTable } from '../render/commands.js';
import type { Declarations } from './command.js';

/** `value <metric>`, `render <files...>`, `plot forest|funnel|summary`: what the help's usage line names. */
function usageOf(command: Command): string {
  const subcommands = command.commands.map((c) => c.name());
  const args = command.registeredArguments.map((a) => {
    const name = `${a.name()}${a.variadic ? '...' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  return [command.name(), ...(subcommands.length > 0 ? [subcommands.join('|')] : []), ...args].join(' ');
}

export async function commandsBlock(declarations: Declarations): Promise<string> {
  const commands = await declarations();
  return renderCommandTable(commands.map((c) => ({ usage: usageOf(c), summary: c.summary() || c.description() })));
}
