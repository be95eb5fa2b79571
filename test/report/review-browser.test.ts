/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML review as a person sees it, in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): the headings and the counts in the page, axe-core's accessibility rules, a
 * screenshot, and the printed PDF. Hostile policies are opened with the page's
 * Content-Security-Policy on and with it bypassed, so that escaping alone is shown to hold: none of
 * their script runs and no request leaves the page.
 *
 * One browser for the whole file. Outside CI, a machine without Chromium skips this file with a
 * message; in CI (CI=true) a browser that cannot start fails it.
 *
 * WT_AUDIT_SCREENSHOT=path writes the screenshot there (npm run docs:screenshot).
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/result.js';
import { renderJson } from '../../src/report/json.js';
import { renderReviewHtml } from '../../src/report/review-html.js';
import { HOSTILE, reportOfFiles, samplePath } from '../helpers/review.js';

const CHROMIUM = process.env.WT_AUDIT_CHROMIUM ?? '/usr/bin/chromium';
/** As root on a closed network: no sandbox, no GPU, and none of Chromium's own calls home. Playwright gives each launch a fresh profile. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !IN_CI)
  process.stderr.write(
    `review-browser.test.ts: skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set WT_AUDIT_CHROMIUM); in CI this fails instead\n`,
  );

/** The page's only address: every request is routed, and any other is recorded and refused. */
const PAGE_URL = 'http://review.test/review.html';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Opened {
  page: Page;
  context: BrowserContext;
  /** every request other than the page itself */
  requests: string[];
}

describe.skipIf(!AVAILABLE && !IN_CI)('HTML review in Chromium', () => {
  let browser: Browser;
  let sample: AuditReport;
  let hostile: AuditReport;

  beforeAll(async () => {
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true, timeout: 30_000 });
    } catch (e) {
      throw new Error(`Chromium (${CHROMIUM}) did not start: ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
    // two documents: the page breaks between documents are part of what is printed
    sample = await reportOfFiles([samplePath('riverside-juniors-fc-safeguarding.md'), samplePath('st-aidans-primary-child-protection.md')]);
    hostile = await reportOfFiles(HOSTILE);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Open an HTML string as PAGE_URL in a fresh context. bypassCSP: the page's CSP is ignored (for axe's script, or to test escaping alone). */
  async function open(html: string, opts: { bypassCSP: boolean; width?: number; height?: number }): Promise<Opened> {
    const context = await browser.newContext({
      bypassCSP: opts.bypassCSP,
      viewport: { width: opts.width ?? 1000, height: opts.height ?? 1300 },
      javaScriptEnabled: true,
    });
    const requests: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === PAGE_URL) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      else {
        requests.push(url);
        await route.abort();
      }
    });
    // ours, not the page's: record CSP violations (something tried to load or run)
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    await page.goto(PAGE_URL, { waitUntil: 'load' });
    return { page, context, requests };
  }

  it('has one h1, headings that never skip a level, and the sections in reading order', async () => {
    const { page, context } = await open(renderReviewHtml(sample), { bypassCSP: false });
    const headings = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => ({ level: Number(h.tagName[1]), text: h.textContent?.trim() ?? '' })));
    expect(headings.filter((h) => h.level === 1)).toHaveLength(1);
    expect(headings[0]!.level).toBe(1);
    for (let i = 1; i < headings.length; i++)
      expect(headings[i]!.level, `${headings[i - 1]!.text} → ${headings[i]!.text}`).toBeLessThanOrEqual(headings[i - 1]!.level + 1);
    const h2 = headings.filter((h) => h.level === 2).map((h) => h.text);
    expect(h2).toEqual([
      'Contents',
      'Riverside Juniors FC: Safeguarding Policy',
      "St Aidan's C of E Primary School: Child Protection and Safeguarding Policy",
      'Method and limits',
    ]);
    const firstDoc = headings.slice(
      headings.findIndex((h) => h.text.startsWith('Riverside')),
      headings.findIndex((h) => h.text.startsWith('St Aidan')),
    );
    const h3 = firstDoc.filter((h) => h.level === 3).map((h) => h.text);
    expect(h3[0]).toBe('Summary');
    expect(h3[1]).toBe('New and strengthened in 2026');
    expect(h3.at(-1)).toBe('Action plan');
    expect(await page.title()).toBe("Safeguarding policy review: Riverside Juniors FC and St Aidan's C of E Primary School (as of 2026-11-01)");
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
    await context.close();
  });

  it('shows the counts of the JSON report, and one entry per result with its status in words', async () => {
    const json = JSON.parse(renderJson(sample)) as AuditReport;
    const { page, context } = await open(renderReviewHtml(sample), { bypassCSP: false });
    const shown = await page.$$eval('section.document', (sections) =>
      sections.map((s) => {
        const cells: Record<string, number> = {};
        for (const c of s.querySelectorAll('[data-count]')) cells[c.getAttribute('data-count') ?? ''] = Number(c.textContent);
        const entries: Record<string, number> = {};
        for (const e of s.querySelectorAll('article.req[data-status], tr[data-status]')) {
          const status = e.getAttribute('data-status') ?? '';
          entries[status] = (entries[status] ?? 0) + 1;
        }
        return { cells, entries };
      }),
    );
    expect(shown).toHaveLength(json.documents.length);
    json.documents.forEach((d, i) => {
      expect(shown[i]!.cells).toEqual(d.counts);
      for (const [status, n] of Object.entries(d.counts)) expect(shown[i]!.entries[status] ?? 0, status).toBe(n);
    });
    // never colour alone: every badge carries a word
    const badgeTexts = await page.$$eval('.badge', (bs) => bs.map((b) => b.textContent?.replace(/[^A-Za-z ]/g, '').trim() ?? ''));
    expect(badgeTexts.length).toBeGreaterThan(100);
    for (const t of badgeTexts) expect(t).toMatch(/^(Met|Partial|Gap|Outdated|Needs review|Waived|Not applicable|Green|Amber|Red|Not rated)$/);
    await context.close();
  });

  it('passes axe-core (WCAG 2.2 A and AA rules) with no serious or critical violation', async () => {
    // axe is a script of ours, injected past the page's own CSP
    const { page, context } = await open(renderReviewHtml(sample), { bypassCSP: true });
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }>; passes: unknown[] }>;
          };
        }
      ).axe;
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        resultTypes: ['violations'],
      });
      return {
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.length,
          first: JSON.stringify((v.nodes as Array<{ html: string; failureSummary: string }>).slice(0, 3).map((n) => [n.html, n.failureSummary])),
        })),
        passes: r.passes.length,
      };
    });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await context.close();
  });

  for (const bypassCSP of [false, true]) {
    it(`runs no script and loads nothing from hostile policies (${bypassCSP ? 'CSP bypassed: escaping alone' : 'with the page’s CSP'})`, async () => {
      const { page, context, requests } = await open(renderReviewHtml(hostile), { bypassCSP });
      // let anything that was going to fire, fire
      await page.mouse.move(200, 200);
      await page.mouse.wheel(0, 5000);
      await page.waitForTimeout(200);
      const state = await page.evaluate(() => {
        const w = window as unknown as { __pwned?: unknown; pwned?: unknown; __violations: string[] };
        const handlers = [...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`),
        );
        return {
          pwned: w.__pwned ?? w.pwned,
          violations: w.__violations,
          loaders: document.querySelectorAll('script, img, iframe, link, object, embed, video, audio, source, meta[http-equiv="refresh"]').length,
          handlers,
          links: [...document.querySelectorAll('a[href]')]
            .map((a) => a.getAttribute('href')!)
            .filter((h) => !h.startsWith('#') && !h.startsWith('https://www.gov.uk/')),
          quoted: document.body.textContent?.includes("<script>window.__pwned = 'yaml-text'</script>") ?? false,
          org: document.body.textContent?.includes("<script>window.__pwned = 'yaml-organisation'</script>Hostile Youth Group") ?? false,
        };
      });
      // the hostile text is on the page, as text
      expect(state.quoted || state.org).toBe(true);
      expect(state.org).toBe(true);
      expect(state.pwned).toBeUndefined();
      expect(state.violations).toEqual([]);
      expect(state.loaders).toBe(0);
      expect(state.handlers).toEqual([]);
      expect(state.links).toEqual([]);
      expect(requests).toEqual([]);
      await context.close();
    });
  }

  it('takes a screenshot of the summary', async () => {
    const single = await reportOfFiles([samplePath('riverside-juniors-fc-safeguarding.md')]);
    const { page, context } = await open(renderReviewHtml(single), { bypassCSP: false, width: 900, height: 1100 });
    await page.locator('#doc-1').scrollIntoViewIfNeeded();
    const top = await page.locator('#doc-1').evaluate((el) => el.getBoundingClientRect().top + window.scrollY - 16);
    const png = await page.screenshot({ clip: { x: 0, y: top, width: 900, height: 1100 }, fullPage: true });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
    const target = process.env.WT_AUDIT_SCREENSHOT;
    if (target) writeFileSync(target, png);
    await context.close();
  });

  it('prints: a page per chapter and document, rows and quotes kept whole, table headers repeated, a running header per document', async () => {
    const { page, context } = await open(renderReviewHtml(sample), { bypassCSP: false });
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => {
      const style = (sel: string, prop: string) => [...document.querySelectorAll(sel)].map((el) => getComputedStyle(el).getPropertyValue(prop));
      const pageRules = [...document.styleSheets]
        .flatMap((s) => [...s.cssRules])
        .filter((r): r is CSSPageRule => r instanceof CSSPageRule)
        .map((r) => r.selectorText);
      return {
        rows: style('tr', 'break-inside'),
        quotes: style('.evidence', 'break-inside'),
        heads: style('thead', 'display'),
        breaks: style('.document, .chapter, .actions, .na, .method', 'break-before'),
        named: style('section.document', 'page'),
        pageRules,
      };
    });
    expect(new Set(print.rows)).toEqual(new Set(['avoid']));
    expect(new Set(print.quotes)).toEqual(new Set(['avoid']));
    expect(new Set(print.heads)).toEqual(new Set(['table-header-group']));
    expect(new Set(print.breaks)).toEqual(new Set(['page']));
    expect(print.named).toEqual(['doc-1', 'doc-2']);
    expect(print.pageRules).toEqual(expect.arrayContaining(['', 'doc-1', 'doc-2']));
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    // the cover and the contents have a page each, and every section that starts a page starts one
    expect(pages).toBeGreaterThanOrEqual(2 + print.breaks.length);
    await context.close();
  });
});
