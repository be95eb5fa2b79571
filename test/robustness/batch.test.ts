/**
 * One audit over a folder holding every bad file and some good ones, through the CLI as users run
 * it: a full report for each good file (the same as auditing it alone), an error entry for each
 * bad one, exit 2, the report written only where --output says, and nothing else written.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport, DocumentResult, InputErrorReport } from '../../src/audit/result.js';
import { auditFile } from '../../src/audit/audit-file.js';
import { catalogue } from '../helpers/audit-text.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { BAD_FILES, BAD_LINKS, POLICY_TEXT, writeBadFiles, type Expect } from './helpers/bad-files.js';
import { reportValidator } from '../helpers/report.js';

const AS_OF = '2026-11-01';
const validateReport = reportValidator();

/** Root reads every folder, so as root the CLI runs as "nobody" to meet one it cannot read. */
const asRoot = process.getuid?.() === 0;
const user = asRoot ? { uid: 65534, gid: 65534 } : undefined;
const canLock = process.platform !== 'win32';

let top: string;
let inputs: string;
let out: string;

const GOOD = ['club.md', 'theatre.yaml', 'school.md'];

/** Every file under a folder with its size and modification time: to prove nothing was written. */
function snapshot(dir: string, prefix = ''): string[] {
  const rows: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) {
      if ((st.mode & 0o777) === 0) rows.push(`${prefix}${name}/ (locked)`);
      else rows.push(...snapshot(p, `${prefix}${name}/`));
    } else rows.push(`${prefix}${name} ${st.size} ${st.mtimeMs}`);
  }
  return rows;
}

beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'wt-audit-batch-'));
  inputs = join(top, 'in');
  out = join(top, 'out');
  writeBadFiles(inputs);
  writeFileSync(join(inputs, 'club.md'), `---\ntype: sports\n---\n${POLICY_TEXT}`);
  copyFileSync(join(ROOT, 'samples', 'northgate-youth-theatre.yaml'), join(inputs, 'theatre.yaml'));
  copyFileSync(join(ROOT, 'samples', 'st-aidans-primary-child-protection.md'), join(inputs, 'school.md'));
  if (canLock) {
    mkdirSync(join(inputs, 'locked'));
    writeFileSync(join(inputs, 'locked', 'hidden.md'), POLICY_TEXT);
    chmodSync(join(inputs, 'locked'), 0o000);
  }
  mkdirSync(out);
  // the CLI may run as another user: let it into the folders (but not into "locked")
  chmodSync(top, 0o755);
  chmodSync(inputs, 0o755);
  chmodSync(out, 0o777);
});

afterAll(() => {
  if (canLock) chmodSync(join(inputs, 'locked'), 0o755);
  rmSync(top, { recursive: true, force: true });
});

/** The error entries the batch must hold, by path. */
function expectedErrors(): Map<string, Expect> {
  const want = new Map<string, Expect>();
  for (const f of BAD_FILES) if (f.expect !== 'document' && f.name.match(/\.(md|yaml|html|docx|pdf|doc)$/)) want.set(`in/${f.name}`, f.expect);
  for (const l of BAD_LINKS) want.set(`in/${l.name}`, l.expect);
  want.set('in/loop-b.md', BAD_LINKS[0]!.expect);
  want.set('in/policy.txt', BAD_FILES.find((f) => f.name === 'policy.txt')!.expect as Expect);
  want.set('in/missing.md', { message: 'no such file or directory' });
  if (canLock) want.set('in/locked', { message: 'cannot read directory: permission denied' });
  return want;
}

describe('a batch of every bad file and some good ones', () => {
  let report: AuditReport;
  let run: { code: number; stdout: string; stderr: string };
  let before: string[];

  beforeAll(() => {
    before = snapshot(inputs);
    run = runCli(['in', 'in/policy.txt', 'in/missing.md', '--format', 'json', '--as-of', AS_OF, '--output', 'out/report.json'], {
      cwd: top,
      ...(user ? { user } : {}),
    });
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as AuditReport;
  }, 180_000);

  it('exits 2, prints nothing, and writes a report valid against its schema', () => {
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
    const ok = validateReport(report);
    expect(validateReport.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has one error entry for each bad input, with its message, line and column', () => {
    const want = expectedErrors();
    const got = new Map<string, InputErrorReport>(report.errors.map((e) => [e.path, e]));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [path, w] of want) {
      const e = got.get(path)!;
      if (typeof w.message === 'string') expect(e.message, path).toBe(w.message);
      else expect(e.message, path).toMatch(w.message);
      if (w.line !== undefined) expect(e.line, path).toBe(w.line);
      if (w.column !== undefined) expect(e.column, path).toBe(w.column);
    }
  });

  it('reports every readable file in full: the same result as auditing it alone', async () => {
    const readable = [...GOOD, ...BAD_FILES.filter((f) => f.expect === 'document').map((f) => f.name)].map((n) => `in/${n}`).sort();
    expect(report.documents.map((d) => d.path)).toEqual(readable);
    for (const doc of report.documents) {
      expect(doc.results).toHaveLength(catalogue().requirements.length);
      // the megabyte files are checked for their full set of results above; reading them twice is slow
      if (statSync(join(top, doc.path)).size > 1024 * 1024) continue;
      const alone = await auditFile(join(top, doc.path), catalogue(), { asOf: AS_OF, failOn: 'must' });
      expect({ ...alone.document, path: doc.path } as DocumentResult).toEqual(doc);
    }
  }, 60_000);

  it('writes nothing into the input folder; the output folder holds only the report', () => {
    expect(snapshot(inputs)).toEqual(before);
    expect(readdirSync(out)).toEqual(['report.json']);
  });
});

describe('globs', () => {
  it.skipIf(!canLock)('a folder a glob cannot read is an error entry, not a silent gap; a pattern that cannot reach it says nothing of it', () => {
    // a tree of its own: one readable policy and one locked folder (the bad-file batch would only slow this down)
    const tree = join(top, 'glob');
    mkdirSync(join(tree, 'locked'), { recursive: true });
    writeFileSync(join(tree, 'club.md'), POLICY_TEXT);
    writeFileSync(join(tree, 'locked', 'hidden.md'), POLICY_TEXT);
    chmodSync(join(tree, 'locked'), 0o000);
    try {
      const deep = runCli(['glob/**/*.md', '--format', 'json', '--as-of', AS_OF], { cwd: top, ...(user ? { user } : {}) });
      const report = JSON.parse(deep.stdout) as AuditReport;
      expect(deep.code).toBe(2);
      expect(report.errors).toEqual([{ path: 'glob/locked', message: 'cannot read directory: permission denied' }]);
      expect(report.documents.map((d) => d.path)).toEqual(['glob/club.md']);
      // "glob/*.md" never looks inside subfolders: the locked one is none of its business
      const flat = runCli(['glob/*.md', '--format', 'json', '--as-of', AS_OF], { cwd: top, ...(user ? { user } : {}) });
      expect(flat.code).toBe(1); // the policy's own gaps: no error
      expect((JSON.parse(flat.stdout) as AuditReport).errors).toEqual([]);
    } finally {
      chmodSync(join(tree, 'locked'), 0o755);
    }
  });
});

describe('flags and catalogues', () => {
  it('an unknown --profile or --format is a one-line usage error, exit 2, and no report file', () => {
    const p = runCli(['in/club.md', '--profile', 'bogus', '--output', 'out/none.json'], { cwd: top });
    expect(p.code).toBe(2);
    expect(p.stderr).toContain(`option '-p, --profile <profile>' argument 'bogus' is invalid. unknown profile "bogus"; choose one of:`);
    const f = runCli(['in/club.md', '--format', 'xml', '--output', 'out/none.json'], { cwd: top });
    expect(f.code).toBe(2);
    expect(f.stderr).toContain(`option '-f, --format <format>' argument 'xml' is invalid. unknown format "xml"; choose one of: terminal, json`);
    expect(readdirSync(out)).not.toContain('none.json');
  });

  it('--output into a folder that does not exist: exit 2 with the reason', () => {
    const r = runCli(['in/club.md', '--output', 'nowhere/report.txt'], { cwd: top });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`wt-audit: cannot write nowhere/report.txt: no such file or directory\n`);
  });

  it('a broken requirement file in --catalogue is named with its line and key; the policy is still audited', () => {
    const cat = join(top, 'catalogue');
    mkdirSync(cat);
    const source = readFileSync(join(ROOT, 'checks/wt2026/c4-training.yaml'), 'utf8');
    writeFileSync(join(cat, 'c4-training.yaml'), source.replace(/^strength: (must|should)$/m, 'strength: mandatory'));
    copyFileSync(join(ROOT, 'checks/wt2026/c4-named-lead.yaml'), join(cat, 'c4-named-lead.yaml'));
    const r = runCli(['in/club.md', '--catalogue', 'catalogue', '--format', 'json', '--as-of', AS_OF], { cwd: top });
    expect(r.code).toBe(2);
    const rep = JSON.parse(r.stdout) as AuditReport;
    const line = source.split('\n').findIndex((l) => /^strength:/.test(l)) + 1;
    expect(rep.errors).toEqual([{ path: 'catalogue/c4-training.yaml', line, column: 11, message: 'strength: must be equal to one of the allowed values' }]);
    expect(rep.documents.map((d) => [d.path, d.results.map((x) => x.id)])).toEqual([['in/club.md', ['WT26-C4-NAMED-LEAD']]]);
  });
});

describe('interrupted', () => {
  it.skipIf(process.platform === 'win32')(
    'Ctrl-C during a batch leaves the old report (or a whole new one) and no temporary file',
    async () => {
      // many ordinary policies: each is quick to audit, so the signal is handled soon after it is sent
      const many = join(top, 'many');
      mkdirSync(many);
      for (let i = 0; i < 60; i++)
        copyFileSync(join(ROOT, 'samples', 'st-aidans-primary-child-protection.md'), join(many, `school-${String(i).padStart(2, '0')}.md`));
      writeFileSync(join(out, 'interrupted.json'), 'old report');
      const child = spawn(
        process.execPath,
        [join(ROOT, 'bin', 'wt-audit.js'), 'many', '--format', 'json', '--as-of', AS_OF, '--output', 'out/interrupted.json'],
        {
          cwd: top,
          stdio: 'ignore',
        },
      );
      // listen at once: a quick run may be over before the signal is sent
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      let over = false;
      void ended.then(() => (over = true));
      // interrupt while the report is being written: once its temporary file exists
      const deadline = Date.now() + 30_000;
      while (!over && Date.now() < deadline && !readdirSync(out).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 10));
      child.kill('SIGINT');
      const { code, signal } = await ended;
      const text = readFileSync(join(out, 'interrupted.json'), 'utf8');
      if (signal === 'SIGINT') expect(text).toBe('old report');
      else {
        expect(code).toBe(1);
        expect(validateReport(JSON.parse(text))).toBe(true);
      }
      expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
    120_000,
  );
});
