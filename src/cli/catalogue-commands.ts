/** `wt-audit list` and `wt-audit explain`: read-only views of the catalogue. */
import { loadCatalogue } from '../catalogue/load.js';
import { writeStdout } from './stdout.js';
import { writeStderr } from './io.js';
import type { CompiledRequirement } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import { EXIT_ERROR, EXIT_OK } from '../audit/exit-code.js';
import { applies } from '../audit/profile.js';
import { formatReference } from '../catalogue/reference.js';
import { wrap } from '../report/wrap.js';
import type { Format } from './options.js';

function changedIn(c: CompiledRequirement, year: string): boolean {
  return c.req.change === `new-${year}` || c.req.change === `strengthened-${year}`;
}

function reportCatalogueErrors(errors: Array<{ path: string; line?: number; message: string }>): void {
  for (const e of errors) writeStderr(`${e.path}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
}

export function runList(flags: { profile?: Profile; changedIn?: string; format: Format; catalogue?: string }): number {
  const cat = loadCatalogue(flags.catalogue);
  reportCatalogueErrors(cat.errors);
  if (flags.changedIn && !/^(2023|2026)$/.test(flags.changedIn)) {
    writeStderr(`wt-audit: --changed-in takes 2026 or 2023, not "${flags.changedIn}"\n`);
    return EXIT_ERROR;
  }
  const rows = cat.requirements.filter((c) => (!flags.profile || applies(c.req, flags.profile)) && (!flags.changedIn || changedIn(c, flags.changedIn)));
  if (flags.format === 'json') {
    const data = rows.map((c) => ({
      id: c.req.id,
      title: c.req.title,
      strength: c.req.strength,
      change: c.req.change,
      applies_to: c.req.applies_to,
      reference: formatReference(c.req.reference),
    }));
    void writeStdout(`${JSON.stringify(data, null, 2)}\n`);
  } else {
    const lines = rows.map((c) => `${c.req.id.padEnd(36)} ${c.req.strength.padEnd(6)} ${c.req.change.padEnd(17)} ${c.req.title}\n`);
    const filters = [flags.profile ? `profile ${flags.profile}` : '', flags.changedIn ? `new or strengthened in ${flags.changedIn}` : '']
      .filter(Boolean)
      .join(', ');
    // one write: the listing is small, and a reader that stops early then costs nothing
    void writeStdout(`${lines.join('')}\n${rows.length} of ${cat.requirements.length} requirements${filters ? ` (${filters})` : ''}\n`);
  }
  return cat.errors.length > 0 ? EXIT_ERROR : EXIT_OK;
}

export function runExplain(id: string, flags: { catalogue?: string }): number {
  const cat = loadCatalogue(flags.catalogue);
  reportCatalogueErrors(cat.errors);
  const c = cat.requirements.find((r) => r.req.id.toLowerCase() === id.toLowerCase());
  if (!c) {
    const close = cat.requirements.filter((r) => r.req.id.toLowerCase().includes(id.toLowerCase().replace(/^wt26-/, ''))).map((r) => r.req.id);
    writeStderr(`wt-audit: no requirement "${id}"${close.length > 0 ? `; did you mean ${close.slice(0, 5).join(', ')}?` : ''}\n`);
    return EXIT_ERROR;
  }
  const r = c.req;
  const w = (label: string, text: string) => `${wrap(`${label} ${text}`, 80, '  ')}\n`;
  const lines = [
    `${r.id}: ${r.title}\n\n`,
    w('Requirement:', r.requirement),
    w('Reference:', formatReference(r.reference)),
    w('Source:', r.reference.url),
    w('Strength:', `${r.strength} (${r.strength === 'must' ? 'error' : 'warning'})`),
    w('Applies to:', r.applies_to.join(', ').replace('all', 'all organisations except safeguarding partnerships')),
    w('Change:', r.change),
    w('Looks for:', [...c.topic, ...c.specifics].map((t) => t.label + (t.profiles ? ` (${t.profiles.join(', ')} only)` : '')).join('; ')),
    w('Remediation:', r.remediation),
    r.model_wording ? w('Model wording:', r.model_wording) : '',
    w(
      'Examples:',
      `${r.examples.met.length} met, ${(r.examples.partial ?? []).length} partial, ${r.examples.gap.length} gap, ${(r.examples.outdated ?? []).length} outdated (in ${c.file})`,
    ),
  ];
  void writeStdout(lines.join(''));
  return cat.errors.length > 0 ? EXIT_ERROR : EXIT_OK;
}
