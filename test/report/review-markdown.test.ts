/**
 * The Markdown review: the same contents as the HTML one, and policy text that stays text when a
 * GitHub-flavoured renderer (micromark with GFM, raw HTML and any link protocol allowed, as lax as
 * a renderer gets) turns it into HTML: no tag, link, image or table cell of the policy's making.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/result.js';
import { escapeMarkdown, markdownCode } from '../../src/report/markdown-escape.js';
import { renderReviewMarkdown } from '../../src/report/review-markdown.js';
import { buildReview } from '../../src/report/review-model.js';
import { HOSTILE, reportOfFiles, samplePath } from '../helpers/review.js';

function toHtml(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true, allowDangerousProtocol: true });
}

/** The tags a rendering of our own Markdown may hold. */
const TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'li', 'strong', 'em', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'br']);

describe('Markdown review', () => {
  let sample: AuditReport;
  let hostile: AuditReport;
  beforeAll(async () => {
    sample = await reportOfFiles([samplePath('riverside-juniors-fc-safeguarding.md')]);
    hostile = await reportOfFiles(HOSTILE);
  });

  it('has the cover, summary, new in 2026, every requirement, the action plan and the method', () => {
    const text = renderReviewMarkdown(sample);
    const doc = sample.documents[0]!;
    expect(text).toMatch(/^# Safeguarding policy review: Riverside Juniors FC\n/);
    expect(text).toContain(`| SHA-256 of the file | \`${doc.sha256}\` |`);
    expect(text).toContain(`| SHA-256 of the catalogue | \`${sample.catalogue.sha256}\` |`);
    const at = (s: string) => text.indexOf(s);
    expect(at('### Summary')).toBeGreaterThan(0);
    expect(at('### New and strengthened in 2026')).toBeGreaterThan(at('### Summary'));
    expect(at('### Action plan')).toBeGreaterThan(at('### Chapter 4: organisational responsibilities'));
    expect(at('## Method and limits')).toBeGreaterThan(at('### Action plan'));
    for (const r of doc.results) {
      if (r.status === 'not-applicable') expect(text).toContain(`(\`${r.id}\`) |`);
      else expect(text).toContain(`#### ${escapeMarkdown(r.id)}: `);
    }
    const review = buildReview(sample).documents[0]!;
    const plan = text.slice(at('### Action plan'));
    expect(plan.match(/^\| \d+ \|/gm)).toHaveLength(review.actions.length);
    expect(text).toContain('Precision:** chapter-level pinpoint');
  });

  it('renders to tables whose rows all have the header’s number of cells', () => {
    for (const report of [sample, hostile]) {
      const html = toHtml(renderReviewMarkdown(report));
      for (const table of html.split('<table>').slice(1)) {
        const body = table.slice(0, table.indexOf('</table>'));
        const width = (body.match(/<th[ >]/g) ?? []).length / (body.match(/<thead>/g) ?? []).length;
        for (const tr of body.split('<tr>').slice(2)) expect((tr.match(/<td[ >]/g) ?? []).length).toBe(width);
      }
    }
  });

  it('keeps hostile policy text as text: no tag, image or link of its making', () => {
    const text = renderReviewMarkdown(hostile);
    // the hostile text is there (so this exercises it)
    expect(text).toContain('window.\\_\\_pwned');
    const html = toHtml(text);
    for (const m of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
      expect(TAGS, `<${m[1]}${m[2]}>`).toContain(m[1]!.toLowerCase());
      if (m[1] === 'a') expect(m[2]).toMatch(/^ href="https:\/\/www\.gov\.uk\/[^"]*"$/);
      else expect(m[2], `<${m[1]}${m[2]}>`).toMatch(/^( align="(left|right|center)")?$/);
    }
    expect(html).toContain('&lt;script&gt;window.__pwned');
  });

  it('breaks bare autolinks and escapes inline syntax', () => {
    const html = toHtml(
      `Text ${escapeMarkdown('see https://example.invalid/x, www.example.invalid, a@example.invalid, mailto:a@b.c, *b* _i_ ~s~ `c` [l](javascript:x) ![i](http://x/y.png) <b>h</b> &amp; | cell \\ end')}`,
    );
    expect(html).not.toMatch(/<(a|img|b|em|strong|del|code)\b/);
    expect(html).toContain(
      'see https://example.invalid/x, www.example.invalid, a@example.invalid, mailto:a@b.c, *b* _i_ ~s~ `c` [l](javascript:x) ![i](http://x/y.png) &lt;b&gt;h&lt;/b&gt; &amp;amp; | cell \\ end',
    );
  });

  it('keeps a pipe in policy text inside its table cell', () => {
    const html = toHtml(`| a | b |\n|---|---|\n| ${escapeMarkdown('x | y')} | ${markdownCode('p|q')} |\n`);
    expect(html).toContain('<td>x | y</td>\n<td><code>p|q</code></td>');
  });

  it('fences code spans longer than the backticks they hold', () => {
    expect(toHtml(markdownCode('a `b` c'))).toBe('<p><code>a `b` c</code></p>');
    expect(toHtml(markdownCode('`'))).toBe('<p><code>`</code></p>');
  });

  it('is the same bytes every time', () => {
    expect(renderReviewMarkdown(hostile)).toBe(renderReviewMarkdown(hostile));
  });
});
