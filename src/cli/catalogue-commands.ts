/**
 * `wt-audit list` and `wt-audit explain`: read-only views of the catalogue an audit here would use
 * (the configuration file's local requirements and switch-offs included).
 */
import { loadRunCatalogue } from '../catalogue/local.js';
import { writeStdout } from './stdout.js';
import type { CompiledRequirement } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import { EXIT_ERROR, EXIT_OK } from '../audit/exit-code.js';
import { applies } from '../audit/profile.js';
import { wrap } from '../report/wrap.js';
import type { Format } from './options.js';
import { catalogueChoiceFor, type CatalogueFlags, type Given } from './run-audit.js';

function changedIn(c: CompiledRequirement, year: string): boolean {
  return c.req.change === `new-${year}` || c.req.change === `strengthened-${year}`;
}

function reportCatalogueErrors(errors: Array<{ path: string; line?: number; message: string }>): void {
  for (const e of errors) process.stderr.write(`${e.path}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
}

/** What list and explain add to a requirement's line: where a local one is written, why one is switched off. */
function notes(c: CompiledRequirement): string[] {
  return [
    ...(c.info.local ? [`local requirement, from ${c.info.local.file}`] : []),
    ...(c.switchedOff ? [`switched off by ${c.switchedOff.source}: ${c.switchedOff.reason}`] : []),
  ];
}

/** The catalogue an audit here would use, or the exit code of a configuration error. */
async function catalogueHere(flags: CatalogueFlags, given: Given) {
  const choice = await catalogueChoiceFor(flags, given, process.cwd());
  if (typeof choice === 'number') return choice;
  const cat = loadRunCatalogue(choice.catalogue, choice.local);
  reportCatalogueErrors(cat.errors);
  return cat;
}

export async function runList(flags: { profile?: Profile; changedIn?: string; format: Format } & CatalogueFlags, given: Given): Promise<number> {
  const cat = await catalogueHere(flags, given);
  if (typeof cat === 'number') return cat;
  if (flags.changedIn && !/^(2023|2026)$/.test(flags.changedIn)) {
    process.stderr.write(`wt-audit: --changed-in takes 2026 or 2023, not "${flags.changedIn}"\n`);
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
      reference: c.info.reference,
      ...(c.info.local ? { local: c.info.local.file } : {}),
      ...(c.switchedOff ? { switchedOff: { reason: c.switchedOff.reason, source: c.switchedOff.source } } : {}),
    }));
    void writeStdout(`${JSON.stringify(data, null, 2)}\n`);
  } else {
    const lines = rows.map(
      (c) =>
        `${c.req.id.padEnd(36)} ${c.req.strength.padEnd(6)} ${c.req.change.padEnd(17)} ${c.req.title}\n${notes(c)
          .map((n) => `${' '.repeat(37)}(${n})\n`)
          .join('')}`,
    );
    const local = rows.filter((c) => c.info.local).length;
    const off = rows.filter((c) => c.switchedOff).length;
    const filters = [
      flags.profile ? `profile ${flags.profile}` : '',
      flags.changedIn ? `new or strengthened in ${flags.changedIn}` : '',
      local > 0 ? `${local} local` : '',
      off > 0 ? `${off} switched off` : '',
    ]
      .filter(Boolean)
      .join(', ');
    // one write: the listing is small, and a reader that stops early then costs nothing
    void writeStdout(`${lines.join('')}\n${rows.length} of ${cat.requirements.length} requirements${filters ? ` (${filters})` : ''}\n`);
  }
  return cat.errors.length > 0 ? EXIT_ERROR : EXIT_OK;
}

export async function runExplain(id: string, flags: CatalogueFlags, given: Given): Promise<number> {
  const cat = await catalogueHere(flags, given);
  if (typeof cat === 'number') return cat;
  const c = cat.requirements.find((r) => r.req.id.toLowerCase() === id.toLowerCase());
  if (!c) {
    const close = cat.requirements.filter((r) => r.req.id.toLowerCase().includes(id.toLowerCase().replace(/^wt26-/, ''))).map((r) => r.req.id);
    process.stderr.write(`wt-audit: no requirement "${id}"${close.length > 0 ? `; did you mean ${close.slice(0, 5).join(', ')}?` : ''}\n`);
    return EXIT_ERROR;
  }
  const r = c.req;
  const w = (label: string, text: string) => `${wrap(`${label} ${text}`, 80, '  ')}\n`;
  const lines = [
    `${r.id}: ${r.title}\n\n`,
    w('Requirement:', r.requirement),
    ...notes(c).map((n) => w('Note:', `${n[0]!.toUpperCase()}${n.slice(1)}.`)),
    w('Reference:', c.info.reference),
    w('Source:', r.reference.url),
    w('Strength:', `${r.strength} (${r.strength === 'must' ? 'error' : 'warning'})`),
    w('Applies to:', r.applies_to.join(', ').replace('all', 'all organisations except safeguarding partnerships')),
    w('Change:', r.change),
    w('Looks for:', [...c.topic, ...c.specifics].map((t) => t.label + (t.profiles ? ` (${t.profiles.join(', ')} only)` : '')).join('; ')),
    w('Remediation:', r.remediation),
    r.model_wording ? w('Model wording:', r.model_wording) : '',
    w(
      'Examples:',
      `${r.examples.met.length} met, ${(r.examples.partial ?? []).length} partial, ${r.examples.gap.length} gap, ${(r.examples.outdated ?? []).length} outdated (in ${c.file}${c.info.local ? '; not run by the test suite' : ''})`,
    ),
  ];
  void writeStdout(lines.join(''));
  return cat.errors.length > 0 ? EXIT_ERROR : EXIT_OK;
}
