/**
 * Each broken or hostile file, read on its own: a document, or an InputError with the exact
 * message (and line and column where there is one). The batch test (batch.test.ts) runs the same
 * files through the CLI together.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { discover } from '../../src/cli/discover.js';
import { loadPolicy } from '../../src/document/load.js';
import { InputError } from '../../src/document/model.js';
import { ROOT } from '../helpers/run-cli.js';
import { BAD_FILES, BAD_LINKS, POLICY_TEXT, type Expect } from './helpers/bad-files.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-audit-bad-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function outcome(path: string, opts?: { maxFileSize?: number }): Promise<InputError | 'document'> {
  try {
    const doc = await loadPolicy(path, opts);
    expect(doc.blocks.length).toBeGreaterThan(0);
    return 'document';
  } catch (e) {
    // anything but an InputError escaping the loader is the bug these tests look for
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
}

function expectError(got: InputError | 'document', want: Expect): void {
  expect(got, 'expected an error, the file was read as a document').not.toBe('document');
  const err = got as InputError;
  if (typeof want.message === 'string') expect(err.message).toBe(want.message);
  else expect(err.message).toMatch(want.message);
  if (want.line !== undefined) expect(err.line).toBe(want.line);
  if (want.column !== undefined) expect(err.column).toBe(want.column);
  // one line, so a batch report stays one entry per line
  expect(err.message).not.toContain('\n');
}

// the 5 MB line is read here too slowly to be worth it twice: the batch test reads it through the CLI
const SLOW = new Set(['long-line.md']);

describe('each bad input, read by the loader', () => {
  for (const f of BAD_FILES) {
    it.skipIf(SLOW.has(f.name))(`${f.what} (${f.name})`, async () => {
      const path = join(dir, f.name);
      f.write(path);
      const got = await outcome(path);
      if (f.expect === 'document') expect(got).toBe('document');
      else expectError(got, f.expect);
    });
  }

  it('the size limit is the one given, and named', async () => {
    const path = join(dir, 'two-kb.md');
    writeFileSync(path, `${POLICY_TEXT}\n${'Staff report concerns. '.repeat(100)}\n`);
    expectError(await outcome(path, { maxFileSize: 1024 }), { message: /^file is too large \(2(\.\d)? KiB; the limit is 1 KiB, set with --max-file-size\)$/ });
    expect(await outcome(path, { maxFileSize: 4096 })).toBe('document');
  });

  it('decoded text reads as the same policy whatever its encoding', async () => {
    const texts: string[] = [];
    for (const name of ['utf8-bom.md', 'utf16-le.md', 'utf16-be.md']) {
      const path = join(dir, name);
      BAD_FILES.find((f) => f.name === name)!.write(path);
      const doc = await loadPolicy(path);
      texts.push(doc.blocks.map((b) => `${b.line}:${b.column}:${b.text}`).join('|'));
    }
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain('1:1:Safeguarding policy');
    const cp = join(dir, 'windows-1252.md');
    BAD_FILES.find((f) => f.name === 'windows-1252.md')!.write(cp);
    expect((await loadPolicy(cp)).blocks.map((b) => b.text)).toContain('The club’s welfare officer is Jane Smith. Fees are £5.');
  });
});

describe('paths that are not plain readable files', () => {
  for (const l of BAD_LINKS) {
    it.skipIf(process.platform === 'win32')(`${l.what} (${l.name})`, async () => {
      const sub = join(dir, `links-${l.name}`);
      mkdirSync(sub);
      l.make(sub);
      expectError(await outcome(join(sub, l.name)), l.expect);
      // discovery lists it by name, so the audit reports it rather than dropping it
      const found = await discover([sub]);
      expect(found.files.some((p) => p.endsWith(l.name))).toBe(true);
    });
  }

  it('a folder linked into itself is not followed: the walk ends', async () => {
    const sub = join(dir, 'self-loop');
    mkdirSync(sub);
    writeFileSync(join(sub, 'policy.md'), POLICY_TEXT);
    execFileSync('ln', ['-s', '.', join(sub, 'again')]);
    const found = await discover([sub]);
    expect(found.files.filter((p) => p.endsWith('policy.md'))).toHaveLength(1);
    expect(found.errors).toEqual([]);
  });

  it('a path that does not exist', async () => {
    const missing = join(dir, 'missing.md');
    expectError(await outcome(missing), { message: 'file not found' });
    const found = await discover([missing]);
    expect(found.files).toEqual([]);
    expect(found.errors.map((e) => e.message)).toEqual(['no such file or directory']);
  });

  it('a folder named like a policy, and a named pipe', async () => {
    const folder = join(dir, 'folder.md');
    mkdirSync(folder);
    expectError(await outcome(folder), { message: 'is a directory, not a file' });
    if (process.platform !== 'win32') {
      const fifo = join(dir, 'pipe.md');
      execFileSync('mkfifo', [fifo]);
      // reading a pipe would wait for ever: it is refused on what it is
      expectError(await outcome(fifo), { message: 'not a regular file' });
    }
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('a folder that cannot be read is an error entry, not a silent gap', async () => {
    const top = join(dir, 'partners');
    mkdirSync(join(top, 'locked'), { recursive: true });
    writeFileSync(join(top, 'open.md'), POLICY_TEXT);
    writeFileSync(join(top, 'locked', 'hidden.md'), POLICY_TEXT);
    execFileSync('chmod', ['000', join(top, 'locked')]);
    try {
      const found = await discover([top]);
      expect(found.files.map((f) => f.split('/').pop())).toEqual(['open.md']);
      expect(found.errors).toEqual([{ path: expect.stringMatching(/partners\/locked$/) as string, message: 'cannot read directory: permission denied' }]);
    } finally {
      execFileSync('chmod', ['755', join(top, 'locked')]);
    }
  });
});

describe('a requirement file that breaks its schema', () => {
  it('is named with its line and key; the rest of the catalogue still loads', () => {
    const cat = join(dir, 'catalogue');
    mkdirSync(cat);
    const source = readFileSync(join(ROOT, 'checks/wt2026/c4-allegations.yaml'), 'utf8');
    const broken = source.replace(/^strength: must$/m, 'strength: mandatory');
    expect(broken).not.toBe(source);
    writeFileSync(join(cat, 'c4-allegations.yaml'), broken);
    const extraKey = source.replace(/^id: .*$/m, 'id: WT26-C4-OTHER\ncolour: red');
    writeFileSync(join(cat, 'c4-extra-key.yaml'), extraKey);
    writeFileSync(join(cat, 'c4-syntax.yaml'), 'id: [unclosed\n');
    writeFileSync(join(cat, 'c4-training.yaml'), readFileSync(join(ROOT, 'checks/wt2026/c4-training.yaml')));
    const loaded = loadCatalogue(cat);
    const line = (text: string, re: RegExp) => text.split('\n').findIndex((l) => re.test(l)) + 1;
    expect(loaded.errors.map((e) => ({ file: e.path.split('/').pop(), line: e.line, message: e.message }))).toEqual([
      { file: 'c4-allegations.yaml', line: line(broken, /^strength:/), message: 'strength: must be equal to one of the allowed values' },
      { file: 'c4-extra-key.yaml', line: line(extraKey, /^colour:/), message: "(top level): must NOT have additional properties 'colour'" },
      { file: 'c4-syntax.yaml', line: 2, message: expect.stringMatching(/^invalid YAML: /) as string },
    ]);
    expect(loaded.requirements.map((r) => r.req.id)).toEqual(['WT26-C4-TRAINING']);
  });
});
