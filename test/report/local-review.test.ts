/** The review for people (md, html) with a partnership's local requirement and a switched-off one: cited as the partnership gives it, the change to the catalogue stated. */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../../src/audit/engine.js';
import { emptyReport } from '../../src/audit/run.js';
import { loadRunCatalogue } from '../../src/catalogue/local.js';
import { parseMarkdown } from '../../src/document/markdown.js';
import { localRequirement } from '../helpers/local-requirement.js';
import { render } from '../helpers/reports.js';
import { ROOT } from '../helpers/run-cli.js';

function report() {
  const root = mkdtempSync(join(tmpdir(), 'wt-local-review-'));
  mkdirSync(join(root, 'base'));
  mkdirSync(join(root, 'local'));
  for (const f of ['c3-fgm.yaml', 'c4-whistleblowing.yaml']) copyFileSync(join(ROOT, 'checks/wt2026', f), join(root, 'base', f));
  writeFileSync(join(root, 'local', 'panel.yaml'), localRequirement('WESTSHIRE-PANEL', 'escalation panel'));
  const cat = loadRunCatalogue(join(root, 'base'), {
    folders: [{ dir: join(root, 'local'), shown: 'local' }],
    switchOff: [{ id: 'WT26-C4-WHISTLEBLOWING', reason: 'checked in the Section 11 audit', file: '.wt-audit.yaml', line: 6 }],
  });
  const opts = { asOf: '2026-11-01', failOn: 'must' as const };
  const doc = auditDocument(
    cat,
    { ...parseMarkdown('p.md', '# Policy\n\nWe care about children.\n'), sha256: '0'.repeat(64) },
    { profile: 'vcse', profileSource: 'cli', asOf: opts.asOf },
  );
  return { ...emptyReport(cat, opts), documents: [doc] };
}

describe('review of a catalogue changed by the configuration', () => {
  it('states the changes, cites the local requirement without a WT pinpoint, and gives the switch-off reason', async () => {
    const r = report();
    for (const format of ['md', 'html'] as const) {
      const text = (await render(format, r)).replace(/\s+/g, ' ');
      expect(text).toContain('Catalogue changes');
      expect(text).toContain('local requirements added from local; WT26-C4-WHISTLEBLOWING switched off by .wt-audit.yaml:6: checked in the Section 11 audit');
      expect(text).toContain(`a local requirement of the partnership (${join('local', 'panel.yaml')}), cited as the partnership gives it`);
      expect(text).toContain('switched off by .wt-audit.yaml:6: checked in the Section 11 audit');
    }
  });
});
