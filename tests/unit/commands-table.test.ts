import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { findBlocks } from '../../src/core/document/markers.js';
import { renderCommandTable } from '../../src/render/commands.js';

describe('renderCommandTable', () => {
  it('keeps a pipe or a backtick from ending the cell or the code span, and markup from forming', () => {
    const text = renderCommandTable([
      { usage: 'plot forest|funnel', summary: 'Pictures.' },
      { usage: 'odd `name`', summary: 'A <!-- /acu-evidence --> marker, a | pipe and <b>bold</b>.' },
    ]);
    expect(text).toBe(
      [
        '| command | what it does |',
        '|---|---|',
        '| `plot forest\\|funnel` | Pictures. |',
        "| `odd 'name'` | A &lt;!-- /acu-evidence --&gt; marker, a \\| pipe and &lt;b&gt;bold&lt;/b&gt;. |",
        '',
      ].join('\n'),
    );
    // Inside a document the text opens or closes no block.
    expect(findBlocks(`<!-- acu-evidence commands -->\n${text}<!-- /acu-evidence -->\n`).blocks).toHaveLength(1);
    const html = new MarkdownIt({ html: true }).render(text);
    expect(html).toContain('<td><code>plot forest|funnel</code></td>');
    expect(html).toContain('<td>A &lt;!-- /acu-evidence --&gt; marker, a | pipe and &lt;b&gt;bold&lt;/b&gt;.</td>');
  });
});
