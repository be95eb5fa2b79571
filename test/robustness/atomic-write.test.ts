/** Reports are written whole or not at all (src/util/atomic-write.ts). */
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicWriteError, openAtomic, writeAtomically, writeFileAtomic } from '../../src/util/atomic-write.js';
import { ROOT } from '../helpers/run-cli.js';

const base = mkdtempSync(join(tmpdir(), 'wt-audit-atomic-'));
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});
let n = 0;
const freshDir = (): string => {
  const d = join(base, `case-${n++}`);
  mkdirSync(d);
  return d;
};

describe('atomic write', () => {
  it('writes the whole content and leaves nothing else behind', async () => {
    const dir = freshDir();
    const target = join(dir, 'report.json');
    await writeFileAtomic(target, '{"a": 1}\n');
    expect(readFileSync(target, 'utf8')).toBe('{"a": 1}\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('until it is complete, readers see the old file', async () => {
    const dir = freshDir();
    const target = join(dir, 'report.json');
    writeFileSync(target, 'old report');
    await writeAtomically(target, async (write) => {
      await write('new ');
      expect(readFileSync(target, 'utf8')).toBe('old report');
      await write('report');
      expect(readFileSync(target, 'utf8')).toBe('old report');
    });
    expect(readFileSync(target, 'utf8')).toBe('new report');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('a failure while producing the content leaves the old file and no temporary file', async () => {
    const dir = freshDir();
    const target = join(dir, 'report.json');
    writeFileSync(target, 'old report');
    const before = process.listenerCount('SIGINT');
    await expect(
      writeAtomically(target, async (write) => {
        await write('half a rep');
        throw new Error('audit crashed');
      }),
    ).rejects.toThrow('audit crashed');
    expect(readFileSync(target, 'utf8')).toBe('old report');
    expect(readdirSync(dir)).toEqual(['report.json']);
    // the interruption handlers are gone again once nothing is pending
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('a folder that does not exist is a clear error, and nothing is created', async () => {
    const dir = freshDir();
    const target = join(dir, 'missing', 'report.json');
    const err = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtomicWriteError);
    expect((err as Error).message).toBe(`cannot write ${target}: no such file or directory`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a target that is a folder fails at the rename, and the temporary file is removed', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'report.json'));
    writeFileSync(join(dir, 'report.json', 'keep.txt'), 'keep');
    const err = await writeFileAtomic(join(dir, 'report.json'), 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtomicWriteError);
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readdirSync(join(dir, 'report.json'))).toEqual(['keep.txt']);
  });

  it.skipIf(process.platform === 'win32')('a device or a pipe is written to, never replaced; a link keeps pointing at its file', async () => {
    await writeFileAtomic('/dev/null', 'report');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const dir = freshDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = new Promise<string>((done) => {
      const chunks: Buffer[] = [];
      createReadStream(fifo)
        .on('data', (c) => chunks.push(c as Buffer))
        .on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    });
    await writeFileAtomic(fifo, 'through the pipe');
    expect(await reader).toBe('through the pipe');
    expect(statSync(fifo).isFIFO()).toBe(true);
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync('real.json', join(dir, 'link.json'));
    await writeFileAtomic(join(dir, 'link.json'), 'new');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'pipe', 'real.json']);
  });

  it('abort drops what was written', async () => {
    const dir = freshDir();
    const file = await openAtomic(join(dir, 'report.json'));
    await file.write('partial');
    expect(readdirSync(dir)).toHaveLength(1); // the temporary file
    await file.abort();
    await file.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('Ctrl-C while writing removes the temporary file, keeps the old report, and still ends the process', async () => {
    const dir = freshDir();
    const target = join(dir, 'report.json');
    writeFileSync(target, 'old report');
    const moduleUrl = pathToFileURL(join(ROOT, 'dist', 'util', 'atomic-write.js')).href;
    const script = `
      const { openAtomic } = await import(${JSON.stringify(moduleUrl)});
      const file = await openAtomic(${JSON.stringify(target)});
      await file.write('half a report');
      console.log('ready');
      setTimeout(() => {}, 60000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(readdirSync(dir)).toHaveLength(2);
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.kill('SIGINT');
    expect(await ended).toEqual({ code: null, signal: 'SIGINT' });
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(target, 'utf8')).toBe('old report');
  });
});
