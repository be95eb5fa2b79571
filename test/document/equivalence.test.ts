/**
 * The same policy text as Markdown, HTML, Word and PDF gets the same status for every
 * requirement: the readers differ only in how they find the text, never in what it says. Run on
 * the samples and on every Markdown policy of the labelled evaluation set, each judged as the
 * organisation its front matter names (the other formats carry no front matter).
 *
 * Every policy is compared in HTML (cheap to make and read); the samples in Word and PDF too, and
 * each evaluation policy in one of Word and PDF, in turn: each of those readers still meets half the
 * evaluation set (the tables, lists and headings it holds), at half the cost of making and reading
 * a Word file and a PDF of every policy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../../src/audit/engine.js';
import { resolveProfile } from '../../src/audit/profile.js';
import type { Profile } from '../../src/catalogue/types.js';
import { documentFromBytes } from '../../src/document/load.js';
import type { PolicyFormat } from '../../src/document/model.js';
import { catalogue } from '../helpers/audit-text.js';
import { ROOT } from '../helpers/run-cli.js';
import { bodyOf, toDocx, toHtml, toPdf } from '../helpers/formats.js';

const SAMPLES = [
  'riverside-juniors-fc-safeguarding',
  'st-aidans-primary-child-protection',
  'westshire-safeguarding-partnership-arrangements',
  'hope-community-trust-2018',
].map((n) => join('samples', `${n}.md`));
const EVAL = readdirSync(join(ROOT, 'test', 'eval', 'policies'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => join('test', 'eval', 'policies', f));

async function statuses(path: string, bytes: Uint8Array, format: PolicyFormat, profile: Profile): Promise<Record<string, string>> {
  const doc = await documentFromBytes(path, bytes, format);
  const result = auditDocument(catalogue(), doc, { profile, profileSource: 'cli', asOf: '2026-06-01' });
  return Object.fromEntries(result.results.map((r) => [r.id, r.status]));
}

type Binary = 'docx' | 'pdf';
const BOTH: Binary[] = ['docx', 'pdf'];
const NAMES: Record<Binary, string> = { docx: 'Word', pdf: 'PDF' };
const CASES: Array<[string, Binary[]]> = [...SAMPLES.map((f): [string, Binary[]] => [f, BOTH]), ...EVAL.map((f, i): [string, Binary[]] => [f, [BOTH[i % 2]!]])];

describe.each(CASES)('%s', (file, binaries) => {
  it(`has the same statuses as Markdown, HTML and ${binaries.map((b) => NAMES[b]).join(', ')}`, async () => {
    const md = readFileSync(join(ROOT, file), 'utf8');
    const profile = resolveProfile(await documentFromBytes(file, Buffer.from(md), 'markdown')).profile;
    const markdown = await statuses(file, Buffer.from(bodyOf(md)), 'markdown', profile);
    // met and not met both occur, so text lost or invented by a reader would show
    expect(new Set(Object.values(markdown)).size).toBeGreaterThanOrEqual(2);
    expect(await statuses('policy.html', Buffer.from(toHtml(md)), 'html', profile)).toEqual(markdown);
    if (binaries.includes('docx')) expect(await statuses('policy.docx', await toDocx(md), 'docx', profile)).toEqual(markdown);
    if (binaries.includes('pdf'))
      expect(await statuses('policy.pdf', await toPdf(md, { runningHeader: 'Safeguarding policy' }), 'pdf', profile)).toEqual(markdown);
  });
});
