/**
 * The CLI on Word, PDF and HTML files: positions in both reports, a clear error for an encrypted
 * PDF beside files that are audited, and PDFs read on worker threads.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY as POLICY, toDocx, toHtml, toPdf } from '../helpers/formats.js';
import { reportValidator } from '../helpers/report.js';
import { runCli } from '../helpers/run-cli.js';
import { goodPdf } from '../robustness/helpers/bad-formats.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wt-audit-formats-cli-'));
  writeFileSync(join(dir, 'policy.html'), toHtml(POLICY));
  writeFileSync(join(dir, 'policy.docx'), await toDocx(POLICY));
  writeFileSync(join(dir, 'policy.pdf'), await toPdf(POLICY));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI on Word, PDF and HTML files', () => {
  it('reports positions a reader can follow, in the terminal and in JSON valid against the schema', () => {
    const validate = reportValidator();
    const files = ['policy.docx', 'policy.pdf', 'policy.html'].map((f) => join(dir, f));
    const terminal = runCli([...files, '--as-of', '2026-06-01', '--profile', 'vcse']);
    expect(terminal.stderr).toBe('');
    expect(terminal.stdout).toMatch(/policy\.docx ¶ \d+, [^“]*“/);
    expect(terminal.stdout).toMatch(/policy\.pdf p\. 1, line \d+, [^“]*“/);
    expect(terminal.stdout).toMatch(/policy\.html:\d+\s+“/);
    const json = runCli([...files, '--as-of', '2026-06-01', '--profile', 'vcse', '--format', 'json']);
    const report = JSON.parse(json.stdout) as {
      schemaVersion: string;
      documents: Array<{ format: string; results: Array<{ evidence: Array<Record<string, unknown>> }> }>;
    };
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.schemaVersion).toBe('2.3.0');
    const evidence = (format: string) => report.documents.find((d) => d.format === format)!.results.flatMap((r) => r.evidence);
    expect(evidence('docx').every((e) => typeof e.paragraph === 'number' && e.where === `¶ ${e.paragraph}` && e.paragraph === e.line)).toBe(true);
    expect(evidence('pdf').every((e) => e.page === 1 && typeof e.pageLine === 'number' && typeof e.section === 'string')).toBe(true);
    expect(evidence('html').every((e) => e.page === undefined && e.where === undefined)).toBe(true);
  }, 30_000);

  it('gives an encrypted PDF a clear error, audits the others and exits 2', async () => {
    const PDFDocument = (await import('pdfkit')).default;
    const pdf = new PDFDocument({ userPassword: 'secret', ownerPassword: 'owner' });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((r) => pdf.on('end', () => r(Buffer.concat(chunks))));
    pdf.text('Our designated safeguarding lead is Priya Shah.');
    pdf.end();
    writeFileSync(join(dir, 'locked.pdf'), await done);
    const run = runCli([join(dir, 'locked.pdf'), join(dir, 'policy.html'), '--format', 'json', '--as-of', '2026-06-01']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { documents: Array<{ path: string }>; errors: Array<{ path: string; message: string }> };
    expect(report.documents.map((d) => d.path)).toEqual([join(dir, 'policy.html')]);
    expect(report.errors).toEqual([
      { path: join(dir, 'locked.pdf'), message: 'the PDF is encrypted and needs a password: save an unprotected copy (or print it to PDF) and audit that' },
    ]);
  }, 30_000);

  it('reads PDFs on worker threads to the same report as in one thread', () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 16; i++)
      writeFileSync(
        join(many, `p${String(i).padStart(2, '0')}.pdf`),
        goodPdf([`Policy ${i}`, 'Our welfare officer is Jane Smith (07700 900123). Report any concern about a child to her.']),
      );
    const one = runCli([many, '--format', 'json', '--jobs', '1', '--as-of', '2026-06-01']);
    const two = runCli([many, '--format', 'json', '--jobs', '2', '--as-of', '2026-06-01']);
    expect(one.stderr).toBe('');
    expect((JSON.parse(one.stdout) as { documents: unknown[] }).documents).toHaveLength(16);
    expect(two.stdout).toBe(one.stdout);
  }, 30_000);
});

describe('the other reporters on Word and PDF files', () => {
  it('name the page or paragraph where a reader finds the finding', () => {
    const files = ['policy.docx', 'policy.pdf'].map((f) => join(dir, f));
    const junit = runCli([...files, '--as-of', '2026-06-01', '--profile', 'vcse', '--format', 'junit']);
    expect(junit.stdout).toMatch(/policy\.pdf p\. \d+, line \d+/);
    expect(junit.stdout).toMatch(/policy\.docx ¶ \d+/);
    const sarif = runCli([...files, '--as-of', '2026-06-01', '--profile', 'vcse', '--format', 'sarif']);
    expect(sarif.stdout).toMatch(/\(p\. \d+, line \d+\)/);
    const github = runCli([...files, '--as-of', '2026-06-01', '--profile', 'vcse', '--format', 'github'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(github.stdout).toMatch(/At: ¶ \d+/);
  }, 30_000);
});

describe('the review reports on Word and PDF files', () => {
  it('place each quote as its reader finds it', () => {
    const md = runCli([join(dir, 'policy.docx'), join(dir, 'policy.pdf'), '--as-of', '2026-06-01', '--profile', 'vcse', '--format', 'md']);
    expect(md.stdout).toMatch(/policy\.docx, ¶ \d+: “/);
    expect(md.stdout).toMatch(/policy\.pdf, p\. \d+, line \d+: “/);
  }, 30_000);
});
