/**
 * End to end: a partnership's local requirements and switch-offs from .wt-audit.yaml, in the
 * audit's reports, in `list` and `explain`, in a worker thread, and a broken local file (exit 2).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Ajv } from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/result.js';
import type { FileResult } from '../../src/audit/audit-file.js';
import type { WorkerConfig, WorkerMessage } from '../../src/audit/pool.js';
import { loadRunCatalogue, type LocalCatalogue } from '../../src/catalogue/local.js';
import { localRequirement } from '../helpers/local-requirement.js';
import { parseCsv, validateSarif } from '../helpers/reports.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const ID = 'WESTSHIRE-ESCALATION-PANEL';
const OFF = 'WT26-C4-WHISTLEBLOWING';
const REASON = 'Whistleblowing is checked in the Section 11 audit instead';
const CONFIG = ['as-of: 2026-11-01', 'profile: vcse', 'local-requirements: local', 'switch-off:', `  - id: ${OFF}`, `    reason: ${REASON}`, ''].join('\n');
/** the line of the switch-off entry above */
const OFF_LINE = 5;

const GOOD = '# Safeguarding policy\n\n## Disagreements\n\nIf we cannot agree with another agency about a child, our lead refers it to the escalation panel.\n';
const THIN = '# Safeguarding policy\n\nWe care about the children in our group.\n';

/** A repository with the configuration, one local requirement and two tiny policies. */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-local-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'local'));
  mkdirSync(join(dir, 'policies'));
  writeFileSync(join(dir, '.wt-audit.yaml'), CONFIG);
  writeFileSync(join(dir, 'local', 'escalation-panel.yaml'), localRequirement(ID, 'escalation panel'));
  writeFileSync(join(dir, 'policies', 'good.md'), GOOD);
  writeFileSync(join(dir, 'policies', 'thin.md'), THIN);
  return dir;
}

const validateReport = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'checks/schema/report.schema.json'), 'utf8')) as object,
);

describe('local requirements and switch-off from the configuration', () => {
  it('an audit judges the local requirement, reports the switched-off one with its reason, in every report', () => {
    const dir = repo();
    const r = runCli(
      ['policies', '--report', 'terminal', '--report', 'json=r.json', '--report', 'csv=r.csv', '--report', 'junit=r.xml', '--report', 'sarif=r.sarif'],
      {
        cwd: dir,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // the thin policy has gaps

    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as AuditReport;
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.catalogue).toMatchObject({ local: ['local'], switchedOff: [{ id: OFF, reason: REASON, source: `.wt-audit.yaml:${OFF_LINE}` }] });
    expect(report.requirements.find((q) => q.id === ID)).toMatchObject({ chapter: 'LOCAL', local: { file: join('local', 'escalation-panel.yaml') } });
    const result = (path: string, id: string) => report.documents.find((d) => d.path === path)!.results.find((x) => x.id === id)!;
    expect(result('policies/good.md', ID)).toMatchObject({ status: 'met' });
    expect(result('policies/thin.md', ID)).toMatchObject({ status: 'gap' });
    for (const path of ['policies/good.md', 'policies/thin.md']) {
      expect(result(path, OFF)).toMatchObject({ status: 'not-applicable', message: `switched off by .wt-audit.yaml:${OFF_LINE}: ${REASON}` });
    }

    // terminal: the change to the catalogue at the top, the local requirement in a group of its own
    const flat = (s: string) => s.replace(/\s+/g, ' '); // lines are wrapped at 80 columns
    const top = flat(r.stdout.slice(0, r.stdout.indexOf('policies/good.md')));
    expect(top).toContain(`Switched off: ${OFF}, by .wt-audit.yaml:${OFF_LINE}: ${REASON}`);
    expect(top).toContain('Local requirements from local');
    const thin = flat(r.stdout.slice(r.stdout.indexOf('policies/thin.md')));
    expect(thin).toContain(`Local requirements of the partnership ✗ ${ID} gap · must`);
    expect(thin).toContain('Ref: Westshire partnership procedures 2025, chapter 7, "Resolving disagreements"');
    expect(thin).toContain('1 switched off by the configuration');

    // CSV: the switched-off column says so; the local requirement has a column of its own
    const [head, ...rows] = parseCsv(readFileSync(join(dir, 'r.csv'), 'utf8'));
    const col = (id: string) => head!.indexOf(id);
    expect(rows.map((row) => [row[0], row[col(ID)], row[col(OFF)]])).toEqual([
      ['policies/good.md', 'met', 'not-applicable (switched off)'],
      ['policies/thin.md', 'gap', 'not-applicable (switched off)'],
    ]);

    // JUnit: skipped, with the reason
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(dir, 'r.xml'), 'utf8')) as {
      testsuites: { testsuite: Array<{ testcase: Array<{ name: string; skipped?: { message: string } }> }> };
    };
    const cases = xml.testsuites.testsuite.flatMap((s) => s.testcase);
    const skipped = cases.filter((c) => c.name.includes(OFF)).map((c) => c.skipped?.message);
    expect(skipped).toEqual([`not applicable: switched off by .wt-audit.yaml:${OFF_LINE}: ${REASON}`, expect.any(String)]);

    // SARIF: valid, the gap an alert of a local rule that cites the partnership's own page
    const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string; properties: { tags: string[] } }> } }; results: Array<{ ruleId: string }> }>;
    };
    expect(validateSarif(sarif)).toEqual([]);
    const rule = sarif.runs[0]!.tool.driver.rules.find((x) => x.id === ID)!;
    expect(rule.helpUri).toBe('https://procedures.westshire.example/escalation');
    expect(rule.properties.tags).toContain('local');
    expect(sarif.runs[0]!.results.filter((x) => x.ruleId === ID)).toHaveLength(1);
    expect(sarif.runs[0]!.results.some((x) => x.ruleId === OFF)).toBe(false);
  });

  it('list and explain show the local requirement with its file, and the switched-off one with its reason', () => {
    const dir = repo();
    const list = runCli(['list'], { cwd: dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(`${ID} +must +unchanged +Names the partnership escalation panel\\n +\\(local requirement, from local/escalation-panel\\.yaml\\)`),
    );
    expect(list.stdout).toMatch(new RegExp(`${OFF} .*\\n +\\(switched off by \\.wt-audit\\.yaml:${OFF_LINE}: ${REASON}\\)`));
    expect(list.stdout).toMatch(/\n77 of 77 requirements \(1 local, 1 switched off\)\n$/);
    const explain = runCli(['explain', ID.toLowerCase()], { cwd: dir });
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('Note: Local requirement, from local/escalation-panel.yaml.');
    expect(explain.stdout).toContain('Source: https://procedures.westshire.example/escalation');
    expect(explain.stdout).not.toContain('chapter-level pinpoint');
  });

  it('wt-audit config shows the keys and where they came from; --local-requirements overrides the file', () => {
    const dir = repo();
    const r = runCli(['config', '--local-requirements', 'other'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nlocal-requirements +other +--local-requirements\n/);
    expect(r.stdout).toMatch(/\nswitch-off +1 +\.wt-audit\.yaml:4\n/);
    expect(r.stdout).toContain(`  switch-off ${OFF}: ${REASON}  .wt-audit.yaml:${OFF_LINE}`);
  });

  it('a broken local file is a run error at its file and line (exit 2); the policies are still audited', () => {
    const dir = repo();
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'bad.yaml'), localRequirement('WESTSHIRE-BAD', 'panel').replace('strength: must', 'strength: always'));
    const r = runCli(['policies/good.md', '--local-requirements', 'broken', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as AuditReport;
    expect(report.errors).toEqual([{ path: join('broken', 'bad.yaml'), line: 10, column: 11, message: expect.stringMatching(/^strength: /) as string }]);
    expect(report.documents).toHaveLength(1);
    expect(report.requirements.some((q) => q.id === 'WESTSHIRE-BAD')).toBe(false);
  });

  it('a worker thread compiles the same catalogue (same sha256) and reports the switched-off result', async () => {
    const dir = repo();
    const local: LocalCatalogue = {
      folders: [{ dir: join(dir, 'local'), shown: 'local' }],
      switchOff: [{ id: OFF, reason: REASON, file: '.wt-audit.yaml', line: OFF_LINE }],
    };
    const here = loadRunCatalogue(undefined, local);
    const config: WorkerConfig = { run: { asOf: '2026-11-01', failOn: 'must' }, form: 'document', local };
    const worker = new Worker(new URL('../../dist/audit/pool-worker.js', import.meta.url), { workerData: config });
    try {
      const messages: WorkerMessage[] = [];
      const result = await new Promise<FileResult>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (m: WorkerMessage) => {
          messages.push(m);
          if (m.type === 'result') resolve(m.result);
        });
        worker.postMessage({ index: 0, path: join(dir, 'policies', 'good.md') });
      });
      expect(messages[0]).toEqual({ type: 'ready', sha256: here.sha256 });
      expect(result.document!.results.find((x) => x.id === OFF)).toMatchObject({
        status: 'not-applicable',
        message: expect.stringContaining(REASON) as string,
      });
      expect(result.document!.results.find((x) => x.id === ID)).toMatchObject({ status: 'met' });
    } finally {
      await worker.terminate();
    }
  });
});
