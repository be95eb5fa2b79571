import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOf, loadPolicy } from '../../src/document/load.js';
import { InputError } from '../../src/document/model.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-audit-load-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function loadError(path: string, opts?: { maxFileSize?: number }): Promise<InputError> {
  try {
    await loadPolicy(path, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('loadPolicy', () => {
  it('dispatches on the extension, case-insensitively', async () => {
    const mdDoc = await loadPolicy(file('a.md', '# Policy\n\nText.\n'));
    expect(mdDoc.format).toBe('markdown');
    expect((await loadPolicy(file('b.MARKDOWN', '# Policy\n\nText.\n'))).format).toBe('markdown');
    const yamlDoc = await loadPolicy(file('c.yml', 'sections:\n  - heading: Roles\n    text: The DSL leads.\n'));
    expect(yamlDoc.format).toBe('yaml');
    expect(yamlDoc.blocks.map((b) => b.text)).toEqual(['Roles', 'The DSL leads.']);
    expect(formatOf('x.YAML')).toBe('yaml');
    expect(formatOf('x.txt')).toBeUndefined();
  });

  it('refuses other extensions', async () => {
    const err = await loadError(file('policy.txt', 'Some text'));
    expect(err.message).toMatch(/^unsupported file type "\.txt"/);
    expect((await loadError(file('README', 'Some text'))).message).toMatch(/\(no extension\)/);
  });

  it('hashes the raw bytes, stably', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('# Policy\r\n\r\nText.\r\n')]);
    const p = file('bom.md', bytes);
    const expected = createHash('sha256').update(bytes).digest('hex');
    const first = await loadPolicy(p);
    const second = await loadPolicy(p);
    expect(first.sha256).toBe(expected);
    expect(second.sha256).toBe(expected);
    expect(first.path).toBe(p);
    expect(first.blocks[1]).toMatchObject({ text: 'Text.', line: 3 });
  });

  it('refuses files over the size limit, naming the limit', async () => {
    const p = file('big.md', '# Policy\n\n' + 'word '.repeat(400) + '\n');
    const err = await loadError(p, { maxFileSize: 1024 });
    expect(err.message).toMatch(/too large/);
    expect(err.message).toContain('1 KiB');
    await expect(loadPolicy(p, { maxFileSize: 4096 })).resolves.toMatchObject({ format: 'markdown' });
  });

  it('refuses directories and missing files', async () => {
    mkdirSync(join(dir, 'folder.md'));
    expect((await loadError(join(dir, 'folder.md'))).message).toBe('is a directory, not a file');
    expect((await loadError(join(dir, 'missing.md'))).message).toBe('file not found');
  });

  it('refuses a Markdown file that holds only front matter', async () => {
    const err = await loadError(file('front.md', '---\norganisation: X\ntype: vcse\n---\n\n'));
    expect(err.message).toBe('no policy text (only front matter)');
  });

  it('passes decode and parser errors through with their place', async () => {
    expect((await loadError(file('bin.md', new Uint8Array([0x23, 0x00, 0x01])))).message).toMatch(/^binary file/);
    expect((await loadError(file('empty.md', ''))).message).toBe('empty file');
    const err = await loadError(file('bad.yaml', 'sections:\n  - heading: A\n    txt: B\n'));
    expect([err.message, err.line, err.column]).toEqual(['sections[0]: unknown field "txt"', 3, 5]);
  });

  it('never writes next to the policy', async () => {
    const before = readdirSync(dir).sort();
    await loadPolicy(join(dir, 'a.md'));
    await loadPolicy(join(dir, 'c.yml'));
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
