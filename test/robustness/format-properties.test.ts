/**
 * Property-based tests (fast-check, fixed seed) for the Word and PDF readers: a good file with
 * random bytes changed, cut off or spliced in gives a document or an InputError, never another
 * exception, and the same bytes give the same document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentFromBytes } from '../../src/document/load.js';
import { InputError, type PolicyFormat } from '../../src/document/model.js';
import { goodDocx, goodPdf } from './helpers/bad-formats.js';

const SEED = 20260318;

/** The file with some bytes overwritten, then cut at a point or not. */
function mutated(base: Uint8Array) {
  return fc
    .record({
      edits: fc.array(fc.record({ at: fc.nat({ max: base.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 12 }),
      cut: fc.option(fc.nat({ max: base.length }), { nil: undefined }),
    })
    .map(({ edits, cut }) => {
      const b = new Uint8Array(base);
      for (const e of edits) b[e.at] = e.byte;
      return cut === undefined ? b : b.subarray(0, cut);
    });
}

async function outcome(path: string, bytes: Uint8Array, format: PolicyFormat): Promise<string> {
  try {
    const doc = await documentFromBytes(path, bytes, format);
    return JSON.stringify(doc.blocks.map((b) => [b.kind, b.text, b.line]));
  } catch (e) {
    // anything but an InputError escaping a reader is the bug this looks for
    expect(e).toBeInstanceOf(InputError);
    return `error: ${(e as InputError).message}`;
  }
}

describe.each([
  ['pdf', goodPdf()],
  ['docx', goodDocx()],
] as const)('%s with damaged bytes', (format, base) => {
  it('gives a document or an InputError, the same for the same bytes', async () => {
    let documents = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(mutated(base), async (bytes) => {
        const first = await outcome(`p.${format}`, bytes, format);
        if (first.startsWith('error: ')) errors++;
        else documents++;
        expect(await outcome(`p.${format}`, bytes, format)).toBe(first);
      }),
      { seed: SEED, numRuns: 150 },
    );
    // both branches ran: some damage is survivable, some is not
    expect(documents).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  });
});
