/** The GitHub annotations, CSV and Markdown reporters, and several reporters fed by one run. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultFails } from '../../src/audit/exit-code.js';
import type { DocumentResult } from '../../src/audit/result.js';
import { csvText } from '../../src/report/csv.js';
import { fanOut } from '../../src/report/fan-out.js';
import { ANNOTATION_CAP, command, escapeData, escapeProperty } from '../../src/report/github.js';
import { createReporter } from '../../src/report/registry.js';
import { auditText } from '../helpers/audit-text.js';
import { CTX, parseCsv, render, reportWith } from '../helpers/reports.js';
import { ROOT } from '../helpers/run-cli.js';

const sample = (name: string) => readFileSync(join(ROOT, 'samples', name), 'utf8');
const club = auditText(sample('riverside-juniors-fc-safeguarding.md'), 'sports', undefined, 'club.md');
const school = auditText(sample('st-aidans-primary-child-protection.md'), 'school', undefined, 'school.md');
const charity = auditText(sample('hope-community-trust-2018.md'), 'vcse', undefined, 'charity.md');
const isFinding = (s: string) => ['gap', 'partial', 'outdated', 'needs-review'].includes(s);

describe('github reporter', () => {
  it('escapes %, CR and LF in messages, and : and , in properties too', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    expect(command('error', { file: 'dir/a,b:c.md', line: 3, title: 'T: x, y' }, 'm\nn')).toBe('::error file=dir/a%2Cb%3Ac.md,line=3,title=T%3A x%2C y::m%0An');
  });

  it('annotates at most 10 of each kind, lists the rest as log lines and says how many were left out', async () => {
    const text = await render('github', reportWith([club, charity], 'must'));
    const lines = text.trimEnd().split('\n');
    const all = [club, charity].flatMap((d) => d.results.filter((r) => isFinding(r.status)));
    const errors = all.filter((r) => resultFails(r, 'must')).length;
    const warnings = all.filter((r) => !resultFails(r, 'must') && r.status !== 'needs-review').length;
    expect(errors).toBeGreaterThan(ANNOTATION_CAP);
    expect(warnings).toBeGreaterThan(ANNOTATION_CAP);
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(ANNOTATION_CAP);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(ANNOTATION_CAP);
    // every finding is on one line: an annotation or a plain log line
    expect(lines.filter((l) => l.startsWith('::') || / (error|warning|notice): WT26-/.test(l)).length).toBe(all.length);
    expect(lines.at(-1)).toBe(
      `wt-audit: ${errors - ANNOTATION_CAP} errors, ${warnings - ANNOTATION_CAP} warnings not shown as annotations (GitHub shows 10 of each kind per step); they are listed above and in the other reports.`,
    );
  });

  it('points each annotation at the repository path and the finding line', async () => {
    const text = await render('github', reportWith([club]), { cwd: '/repo/policies', root: '/repo' });
    const first = club.results.find((r) => resultFails(r, 'must'))!;
    expect(text.split('\n')[0]).toMatch(
      new RegExp(`^::error file=policies/club\\.md,line=${first.anchor!.line},title=${first.id} ${first.status} \\(must\\)::`),
    );
  });

  it('appends a Markdown summary to the step summary when there is one, and none when not', async () => {
    const summaries: string[] = [];
    await render('github', reportWith([club, school]), {
      appendStepSummary: (md) => {
        summaries.push(md);
        return Promise.resolve();
      },
    });
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('## wt-audit: 2 policies audited');
    expect(summaries[0]).toBe(await render('markdown', reportWith([club, school])));
    await expect(render('github', reportWith([club]))).resolves.toContain('::error');
  });
});

describe('csv reporter', () => {
  it('a row per document: path, profile, score, counts, then a status per requirement', async () => {
    const report = reportWith([club, school]);
    const rows = parseCsv(await render('csv', report));
    const header = rows[0]!;
    expect(header.slice(0, 11)).toEqual([
      'document',
      'organisation',
      'profile',
      'score',
      'met',
      'partial',
      'gap',
      'outdated',
      'needs-review',
      'waived',
      'not-applicable',
    ]);
    expect(header.slice(11, -2)).toEqual(report.requirements.map((r) => r.id));
    expect(header.slice(-2)).toEqual(['waivers', 'error']);
    expect(rows).toHaveLength(3);
    for (const [i, d] of [club, school].entries()) {
      const row = rows[i + 1]!;
      expect(row).toHaveLength(header.length);
      expect(row.slice(0, 4)).toEqual([d.path, d.organisation ?? '', d.profile, String(d.score)]);
      expect(row[6]).toBe(String(d.counts.gap));
      for (const r of d.results) expect(row[header.indexOf(r.id)]).toBe(r.status);
    }
  });

  it('quotes per RFC 4180 and neutralises cells a spreadsheet would read as formulas', async () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvText(`${lead}HYPERLINK("http://x","y")`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    const hostile: DocumentResult = { ...club, path: '=cmd|\' /C calc\'!A0,"x"\n.md' };
    const rows = parseCsv(await render('csv', reportWith([hostile], 'must', [{ path: '@SUM(1+1)', line: 2, message: '-bad, "file"' }])));
    expect(rows[1]![0]).toBe(`'=cmd|' /C calc'!A0,"x"\n.md`);
    expect(rows[2]![0]).toBe("'@SUM(1+1)");
    expect(rows[2]!.at(-1)).toBe('line 2: -bad, "file"');
    expect(rows[2]).toHaveLength(rows[0]!.length);
  });
});

describe('markdown reporter', () => {
  it('counts every status over all documents and lists the lowest scores first', async () => {
    const docs = [school, club, charity];
    const md = await render('markdown', reportWith(docs));
    const sum = (s: keyof DocumentResult['counts']) => docs.reduce((n, d) => n + d.counts[s], 0);
    expect(md).toContain(`| gap | ${sum('gap')} |`);
    expect(md).toContain(`| met | ${sum('met')} |`);
    expect(md).toContain(`| not applicable | ${sum('not-applicable')} |`);
    const order = [...docs].sort((a, b) => a.score - b.score).map((d) => d.path);
    const shown = [...md.matchAll(/^\| ([a-z]+\\\.md|[a-z]+\.md) \|/gm)].map((m) => m[1]!.replace(/\\/g, ''));
    expect(shown).toEqual(order);
    expect(md).toMatch(/\*\*2\*\* of 3 with findings at or above --fail-on must/);
  });

  it('escapes Markdown in submitted paths and caps the list', async () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ ...club, path: `p${String(i).padStart(2, '0')}|*x*.md` }));
    const md = await render('markdown', reportWith(many));
    expect(md).toContain('| p00\\|\\*x\\*.md |');
    expect(md.match(/^\| p\d\d/gm)).toHaveLength(10);
  });
});

describe('several reporters in one run', () => {
  it('each writes the same bytes as when it runs alone', async () => {
    const report = reportWith([club, school], 'must', [{ path: 'x.md', message: 'broken' }]);
    const formats = ['json', 'sarif', 'junit', 'csv', 'markdown', 'terminal'] as const;
    const outs = formats.map(() => [] as string[]);
    const dec = new TextDecoder();
    const reporters = await Promise.all(formats.map((f, i) => createReporter(f, (c) => void outs[i]!.push(typeof c === 'string' ? c : dec.decode(c)), CTX)));
    const sink = fanOut(reporters);
    sink.start({ ...report, documents: [], errors: [], warnings: [] });
    for (const d of report.documents) await (sink.form === 'document' ? sink.document(d) : Promise.reject(new Error('fan-out takes documents')));
    await sink.end(report.errors, report.warnings);
    for (const [i, f] of formats.entries()) expect(outs[i]!.join(''), f).toBe(await render(f, report));
  });
});
