/**
 * The same policy text as Markdown, HTML, Word and PDF gets the same status for every
 * requirement: the readers differ only in how they find the text, never in what it says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../../src/audit/engine.js';
import { documentFromBytes } from '../../src/document/load.js';
import type { PolicyFormat } from '../../src/document/model.js';
import { catalogue } from '../helpers/audit-text.js';
import { ROOT } from '../helpers/run-cli.js';
import { bodyOf, toDocx, toHtml, toPdf } from '../helpers/formats.js';

const SAMPLES = ['riverside-juniors-fc-safeguarding', 'st-aidans-primary-child-protection', 'westshire-safeguarding-partnership-arrangements', 'hope-community-trust-2018'];

async function statuses(path: string, bytes: Uint8Array, format: PolicyFormat): Promise<Record<string, string>> {
  const doc = await documentFromBytes(path, bytes, format);
  // one profile for all: the other formats carry no front matter to take it from
  const result = auditDocument(catalogue(), doc, { profile: 'school', profileSource: 'cli', asOf: '2026-06-01' });
  return Object.fromEntries(result.results.map((r) => [r.id, r.status]));
}

describe.each(SAMPLES)('%s', (name) => {
  it('has the same statuses as Markdown, HTML, Word and PDF', async () => {
    const md = readFileSync(join(ROOT, 'samples', `${name}.md`), 'utf8');
    const markdown = await statuses(`${name}.md`, Buffer.from(bodyOf(md)), 'markdown');
    // met and not met both occur, so text lost or invented by a reader would show
    expect(new Set(Object.values(markdown)).size).toBeGreaterThanOrEqual(2);
    expect(await statuses(`${name}.html`, Buffer.from(toHtml(md)), 'html')).toEqual(markdown);
    expect(await statuses(`${name}.docx`, await toDocx(md), 'docx')).toEqual(markdown);
    expect(await statuses(`${name}.pdf`, await toPdf(md, { runningHeader: 'Safeguarding policy' }), 'pdf')).toEqual(markdown);
  });
});
