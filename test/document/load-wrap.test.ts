import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';

// a parser that crashes on some input must not take the whole run down
vi.mock('../../src/document/markdown.js', () => ({
  parseMarkdown: () => {
    throw new TypeError('Cannot read properties of undefined');
  },
}));

it('wraps an unexpected parser exception into an InputError naming the cause', async () => {
  const { loadPolicy } = await import('../../src/document/load.js');
  const { InputError } = await import('../../src/document/model.js');
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-wrap-'));
  try {
    const path = join(dir, 'p.md');
    writeFileSync(path, '# Policy\n\nText.\n');
    const err = await loadPolicy(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InstanceType<typeof InputError>).message).toBe('could not parse Markdown: Cannot read properties of undefined');
    expect((err as InstanceType<typeof InputError>).path).toBe(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
