/** The HTML reader on whole pages: what it reads, what it leaves out, where it says text is. */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/document/html-policy.js';

const PAGE = [
  '<!DOCTYPE html>',
  '<html><head><title>Safeguarding</title><script>var s = "designated safeguarding lead";</script></head>',
  '<body>',
  '<nav><a href="/">Home</a> <a href="/dsl">Our designated safeguarding lead</a></nav>',
  '<div class="cookie-consent"><p>We use cookies to keep children safe online.</p></div>',
  '<main>',
  '<h1>Safeguarding policy</h1>',
  '<p>This policy applies to all children &amp; young people.</p>',
  '<h2>Roles</h2>',
  '<table><tr><th>Role</th><th>Name</th></tr><tr><td>Designated lead</td><td>Priya&nbsp;Shah</td></tr></table>',
  '<p><strong>Reporting</strong></p>',
  '<p>Staff must:</p>',
  '<ol><li>listen;</li><li>write it down,',
  '  the same day.</li></ol>',
  '<p>See <a href="https://example.org/guide">the local guidance</a>.</p>',
  '</main>',
  '<footer><p>Report a concern to the designated safeguarding lead.</p></footer>',
  '</body></html>',
].join('\n');

describe('HTML pages', () => {
  const doc = parseHtml('policy.html', PAGE);
  const block = (text: string) => doc.blocks.find((b) => b.text.startsWith(text))!;

  it('reads <main> only: no navigation, cookie banner, footer or script', () => {
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'Safeguarding policy',
      'This policy applies to all children & young people.',
      'Roles',
      'Role | Name',
      'Designated lead | Priya Shah',
      'Reporting',
      'Staff must:',
      'listen;',
      'write it down, the same day.',
      'See the local guidance.',
    ]);
  });

  it('makes sections of headings and of a bold line standing alone', () => {
    expect(doc.sections.map((s) => [s.heading, s.depth])).toEqual([
      ['Safeguarding policy', 1],
      ['Roles', 2],
      ['Reporting', 3],
    ]);
  });

  it('groups a list with the line that leads into it, and table rows together', () => {
    expect(block('listen').group).toBe(block('Staff must').group);
    expect(block('write it down').group).toBe(block('Staff must').group);
    expect(block('Role |').group).toBe(block('Designated lead |').group);
    expect(block('listen').kind).toBe('list-item');
    expect(block('Role |').kind).toBe('table-row');
  });

  it('gives each block its lines in the page source', () => {
    const lines = PAGE.split('\n');
    for (const b of doc.blocks) expect(lines[b.line - 1]).toContain(b.text.split(' ')[0]!.replace('&', '&amp;'));
    const item = block('write it down');
    expect([item.line, item.endLine]).toEqual([13, 14]);
    expect(item.lineStarts).toEqual([item.text.indexOf('the same day')]);
  });

  it('counts link text, so a list of links reads as links', () => {
    const links = parseHtml('links.html', '<main><p><a href="/a">Working Together</a> <a href="/b">Keeping Children Safe</a></p></main>');
    expect(links.blocks[0]!.context).toBe('links');
  });

  it('reads a plain <p>Glossary</p> followed by definitions as a glossary (a Word paragraph with no heading style)', () => {
    // under a real heading, so the plain line is not itself read as a heading (that rule is below)
    const d = parseHtml(
      'g.html',
      '<main><h1>Policy</h1><p>Glossary</p><p>Coercive control – a pattern of controlling behaviour.</p><p>Family help – support for families.</p><p>Report any worry to the DSL.</p></main>',
    );
    expect(d.blocks.map((b) => b.context)).toEqual(['body', 'glossary', 'glossary', 'glossary', 'body']);
  });

  it('on a page with no heading elements, a short plain paragraph with text after it is a heading, as in Markdown', () => {
    const page =
      '<main><p>Whistleblowing</p><p>Staff raise poor practice with the manager.</p><p>Our club</p><p>Club news</p><p>Everyone is welcome.</p><p>Last line</p></main>';
    const d = parseHtml('plain.html', page);
    expect(d.sections.map((s) => s.heading)).toEqual(['Whistleblowing', 'Our club', 'Club news']);
    // the last line has no text after it; with a heading element on the page, no plain line is a heading
    expect(d.blocks.at(-1)!.kind).toBe('paragraph');
    expect(parseHtml('marked.html', `<main><h1>Policy</h1>${page.slice(6)}`).sections.map((s) => s.heading)).toEqual(['Policy']);
  });

  it('without <main>, reads the body but leaves out its nav, header and footer', () => {
    const d = parseHtml(
      'p.html',
      '<body><header><p>Club</p></header><nav>Home</nav><h1>Policy</h1><p>We keep children safe.</p><footer>© Club</footer></body>',
    );
    expect(d.blocks.map((b) => b.text)).toEqual(['Policy', 'We keep children safe.']);
  });
});
