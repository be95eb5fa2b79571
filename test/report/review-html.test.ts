/**
 * The HTML review as text: every result shown once with its status, counts as the report has them,
 * honest references, waivers, the rating rule, and above all that nothing from a policy becomes
 * markup (a tag and attribute allowlist over the whole output of hostile policies). The browser
 * test (review-browser.test.ts) checks the same page as a person sees it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport, RequirementResult, WaiverNote } from '../../src/audit/result.js';
import { cssString, escapeHtml } from '../../src/report/html-escape.js';
import { renderReviewHtml } from '../../src/report/review-html.js';
import { buildReview, ragOf, safeUrl } from '../../src/report/review-model.js';
import { auditText } from '../helpers/audit-text.js';
import { reportOf } from '../helpers/report.js';
import { HOSTILE, reportOfFiles, samplePath, SAMPLES } from '../helpers/review.js';

const TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'nav',
  'section',
  'article',
  'figure',
  'figcaption',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'ol',
  'ul',
  'li',
  'dl',
  'dt',
  'dd',
  'div',
  'span',
  'strong',
  'em',
  'code',
  'br',
  'a',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'svg',
  'desc',
  'text',
  'rect',
  'line',
]);
const ATTRIBUTES = new Set([
  'lang',
  'charset',
  'http-equiv',
  'content',
  'name',
  'class',
  'id',
  'href',
  'rel',
  'scope',
  'role',
  'aria-labelledby',
  'aria-hidden',
  'data-status',
  'data-count',
  'viewbox',
  'width',
  'height',
  'xmlns',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'text-anchor',
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
]);

/** Every tag of the page with its attributes. Text is escaped, so every `<` starts one of ours. */
function tagsOf(html: string): Array<{ name: string; attrs: Array<[string, string]> }> {
  const out: Array<{ name: string; attrs: Array<[string, string]> }> = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs = [...m[2]!.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''] as [string, string]);
    out.push({ name: m[1]!.toLowerCase(), attrs });
  }
  return out;
}

function styleOf(html: string): string {
  const m = /<style>([\s\S]*?)<\/style>/.exec(html);
  return m?.[1] ?? '';
}

describe('HTML review of the samples', () => {
  let reports: Array<[string, AuditReport]>;
  beforeAll(async () => {
    reports = await Promise.all(SAMPLES.map(async (s) => [s, await reportOfFiles([samplePath(s)])] as [string, AuditReport]));
  });

  it('shows every result once, with its status, and the counts of the report', () => {
    for (const [, report] of reports) {
      const html = renderReviewHtml(report);
      const doc = report.documents[0]!;
      for (const r of doc.results) {
        if (r.status === 'not-applicable') continue;
        const article = new RegExp(`<article class="req" id="doc-1-${r.id}" data-status="${r.status}">`, 'g');
        expect(html.match(article), r.id).toHaveLength(1);
      }
      const shown = [...html.matchAll(/<(?:article class="req"|tr) [^>]*data-status="([a-z-]+)"/g)].map((m) => m[1]);
      for (const [status, n] of Object.entries(doc.counts)) {
        expect(
          shown.filter((s) => s === status),
          status,
        ).toHaveLength(n);
        expect(html).toContain(`data-count="${status}">${n}</td>`);
      }
    }
  });

  it('quotes evidence with its file and line, and says where a gap belongs', () => {
    const [, report] = reports.find(([s]) => s.startsWith('riverside'))!;
    const html = renderReviewHtml(report);
    const doc = report.documents[0]!;
    const partial = doc.results.find((r) => r.status === 'partial' && r.evidence.length > 0)!;
    expect(html).toContain(`<p>${escapeHtml(partial.evidence[0]!.excerpt)}</p></blockquote><figcaption>${doc.path}, line ${partial.evidence[0]!.line}`);
    const gap = doc.results.find((r) => r.status === 'gap' && r.anchor?.kind === 'heading')!;
    expect(html).toContain(`under the heading “${escapeHtml(gap.anchor!.heading!)}” (line ${gap.anchor!.line})`);
  });

  it('puts what is new in 2026 before the chapters, and the action plan after them', () => {
    const [, report] = reports[0]!;
    const html = renderReviewHtml(report);
    const at = (s: string) => html.indexOf(s);
    expect(at('>New and strengthened in 2026</h3>')).toBeGreaterThan(at('>Summary</h3>'));
    expect(at('>New and strengthened in 2026</h3>')).toBeLessThan(at('>Policy hygiene and currency</h3>'));
    expect(at('>Action plan</h3>')).toBeGreaterThan(at('>Chapter 4: organisational responsibilities</h3>'));
    expect(at('>Method and limits</h2>')).toBeGreaterThan(at('>Action plan</h3>'));
  });

  it('lists every finding in the action plan, must before should and gaps first', () => {
    const [, report] = reports.find(([s]) => s.startsWith('riverside'))!;
    const d = buildReview(report).documents[0]!;
    const findings = report.documents[0]!.results.filter((r) => ['gap', 'partial', 'outdated', 'needs-review'].includes(r.status));
    expect(d.actions.map((r) => r.id).sort()).toEqual(findings.map((r) => r.id).sort());
    const key = (r: RequirementResult) => `${r.strength === 'must' ? 0 : 1}${['gap', 'partial', 'outdated', 'needs-review'].indexOf(r.status)}`;
    const keys = d.actions.map(key);
    expect(keys).toEqual([...keys].sort());
    const html = renderReviewHtml(report);
    const plan = html.slice(html.indexOf('<table class="plan">'));
    expect(plan.match(/<td class="blank"><\/td><td class="blank"><\/td><\/tr>/g)).toHaveLength(d.actions.length);
  });

  it('is the same bytes every time and under 1 MB per policy', () => {
    for (const [name, report] of reports) {
      const html = renderReviewHtml(report);
      expect(renderReviewHtml(report)).toBe(html);
      expect(Buffer.byteLength(html), name).toBeLessThan(1024 * 1024);
    }
  });

  it('declares its language, a title and a strict Content-Security-Policy, and loads nothing', () => {
    const html = renderReviewHtml(reports[0]![1]);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(html).toMatch(/<title>Safeguarding policy review: Hope Community Trust \(as of 2026-11-01\)<\/title>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(styleOf(html)).not.toMatch(/url\(|@import|@font-face/i);
    for (const t of tagsOf(html)) expect(['script', 'img', 'link', 'iframe', 'object', 'embed']).not.toContain(t.name);
  });
});

describe('HTML review of hostile policies', () => {
  let report: AuditReport;
  let html: string;
  beforeAll(async () => {
    report = await reportOfFiles(HOSTILE);
    html = renderReviewHtml(report);
  });

  it('quotes the hostile text (so the test exercises it), escaped', () => {
    expect(report.documents).toHaveLength(2);
    expect(html).toContain('&lt;script&gt;window.__pwned = &#39;yaml-organisation&#39;&lt;/script&gt;');
    expect(html).toContain('&lt;link rel=&quot;stylesheet&quot; href=&quot;http://example.invalid/x.css&quot;&gt;');
    expect(html).toContain('&lt;iframe src=&quot;http://example.invalid/frame&quot;&gt;');
    expect(html).toContain('&lt;svg onload=');
    expect(html).toContain('&lt;/style&gt;&lt;style&gt;');
  });

  it('holds only the tags and attributes the renderer writes, no event handler, and only its own links', () => {
    for (const t of tagsOf(html)) {
      expect(TAGS, `<${t.name}>`).toContain(t.name);
      for (const [a, v] of t.attrs) {
        expect(ATTRIBUTES, `${t.name} ${a}`).toContain(a);
        if (a === 'href') expect(v).toMatch(/^(#[\w-]+|https:\/\/www\.gov\.uk\/)/);
      }
    }
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('writes the organisation into the running header as an escaped CSS string', () => {
    const style = styleOf(html);
    expect(style).not.toContain('<');
    expect(style).not.toMatch(/url\(/i);
    const rule = /@page doc-1 \{ @top-left \{ content: ("(?:[^"\\]|\\[0-9a-f]+ )*"); \} \}/.exec(style);
    expect(rule, 'a running header rule whose string never ends early').not.toBeNull();
  });
});

describe('escaping helpers', () => {
  it('escapeHtml escapes markup and drops control characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\u0000\u001b`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });

  it('cssString cannot be closed from inside', () => {
    const s = cssString('"; } </style><script>x</script> \\ \n end');
    expect(s).toMatch(/^"(?:[A-Za-z0-9 .,()-]|\\[0-9a-f]+ )*"$/);
    expect(s).not.toContain('<');
  });

  it('safeUrl keeps web addresses only', () => {
    expect(safeUrl('https://www.gov.uk/x')).toBe('https://www.gov.uk/x');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('https://a b')).toBeUndefined();
  });
});

describe('ratings and references', () => {
  it('rates a chapter by the stated thresholds', () => {
    expect(ragOf(null, 0)).toBe('unrated');
    expect(ragOf(49, 0)).toBe('red');
    expect(ragOf(50, 0)).toBe('amber');
    expect(ragOf(79, 0)).toBe('amber');
    expect(ragOf(80, 0)).toBe('green');
    expect(ragOf(100, 1)).toBe('amber');
    expect(ragOf(30, 2)).toBe('red');
  });

  it('states the rating thresholds in the report', () => {
    const html = renderReviewHtml(reportOf([auditText('# Policy\n\nTell the designated safeguarding lead.\n')]));
    expect(html).toContain('Green: chapter score 80% or more and no “must” requirement is a gap.');
    expect(html).toContain('Red: chapter score below 50%.');
  });

  it('says a citation is chapter-level when it has no paragraph, and paragraph-level when it has one', () => {
    const base = reportOf([auditText('# Policy\n\nNothing.\n')]);
    const id = base.requirements[0]!.id;
    expect(renderReviewHtml(base)).toContain('Precision: chapter-level pinpoint: the 2026 paragraph number is not yet verified.');
    const pinned: AuditReport = {
      ...base,
      requirements: base.requirements.map((r) => (r.id === id ? { ...r, referenceDetail: { ...r.referenceDetail, paragraph: 42 } } : r)),
    };
    const html = renderReviewHtml(pinned);
    const article = html.slice(html.indexOf(`id="doc-1-${id}"`), html.indexOf('</article>', html.indexOf(`id="doc-1-${id}"`)));
    expect(article).toContain('Precision: paragraph-level pinpoint (para 42).');
  });

  it('shows a waived result with its reason and approver when the run has them, and says so when it has not', () => {
    const doc = auditText('# Policy\n\nNothing.\n');
    const [a, b] = doc.results.filter((r) => r.status === 'gap');
    const waived = (r: RequirementResult, waiver?: WaiverNote): RequirementResult => ({ ...r, status: 'waived', ...(waiver ? { waiver } : {}) });
    const results = doc.results.map((r) =>
      r === a
        ? waived(r, { reason: 'covered by the <b>trust-wide</b> policy', approvedBy: 'J. Patel, chair', expires: '2027-03-31', source: '.wt-audit.yaml:4' })
        : r === b
          ? waived(r)
          : r,
    );
    const html = renderReviewHtml(reportOf([{ ...doc, results }]));
    expect(html).toContain(
      'Reason: covered by the &lt;b&gt;trust-wide&lt;/b&gt; policy<br>Approved by: J. Patel, chair<br>Expires: 2027-03-31<br>Recorded in: .wt-audit.yaml:4',
    );
    expect(html).toContain('Accepted by a waiver; the run recorded no reason or approver.');
    expect(html.match(/<article class="req" [^>]*data-status="waived"/g)).toHaveLength(2);
  });
});
