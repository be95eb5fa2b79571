/**
 * The effective settings of a run: each from its flag when given, else from the configuration
 * file, else the default; and where each came from, for `wt-audit config`.
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_FILE_TIMEOUT_S } from '../audit/deadline.js';
import type { FailOn } from '../audit/exit-code.js';
import type { Waiver } from '../audit/waivers.js';
import { resolve } from 'node:path';
import type { LocalCatalogue, LocalFolder, SwitchOffEntry } from '../catalogue/local.js';
import type { Profile } from '../catalogue/types.js';
import type { LoadedConfig } from './config-file.js';
import { today } from './options.js';
import { planReports, type ReportFlags, type ReportSpec } from './report-plan.js';

export interface Setting<T> {
  value: T;
  /** "--fail-on", ".wt-audit.yaml:3", "default" */
  from: string;
}

export interface Settings {
  configFile?: string;
  profile: Setting<Profile | undefined>;
  failOn: Setting<FailOn>;
  asOf: Setting<string>;
  reports: Setting<ReportSpec[]>;
  ignore: Setting<{ base: string; patterns: string[] } | undefined>;
  jobs: Setting<number | undefined>;
  fileTimeout: Setting<number | undefined>;
  catalogue: Setting<string | undefined>;
  localRequirements: Setting<LocalFolder[]>;
  switchOff: Setting<SwitchOffEntry[]>;
  waivers: Setting<{ list: Waiver[]; file?: string }>;
  baseline: Setting<string | undefined>;
  cache: Setting<string | undefined>;
  packBy: Setting<'dir' | undefined>;
}

/** The flags that have a counterpart in the configuration file, as commander parsed them. */
export interface SettingFlags extends ReportFlags {
  profile?: Profile;
  failOn: FailOn;
  asOf?: string;
  jobs?: number;
  fileTimeout?: number;
  catalogue?: string;
  localRequirements?: string;
  baseline?: string;
  cache?: string;
  packBy?: 'dir';
}

/** `given(name)`: the flag was on the command line (not a default). `shown`: the config file as messages name it. */
export function resolveSettings(flags: SettingFlags, given: (flag: string) => boolean, config: LoadedConfig | undefined, shown = config?.path): Settings {
  const at = (line: number) => `${shown}:${line}`;
  function pick<T>(flag: string, flagValue: T, fromFile: { value: T; line: number } | undefined, fallback: T): Setting<T> {
    if (given(flag)) return { value: flagValue, from: `--${flag}` };
    if (fromFile) return { value: fromFile.value, from: at(fromFile.line) };
    return { value: fallback, from: 'default' };
  }
  const reportsGiven = (flags.reports?.length ?? 0) > 0 || flags.formatGiven || flags.output !== undefined;
  const reports: Setting<ReportSpec[]> = reportsGiven
    ? { value: planReports(flags), from: flags.reports?.length ? '--report' : flags.output !== undefined ? '--output' : '--format' }
    : config?.reports
      ? { value: planReports({ reports: config.reports.value, format: 'terminal', formatGiven: false }), from: at(config.reports.line) }
      : { value: planReports(flags), from: 'default' };
  return {
    ...(config ? { configFile: config.path } : {}),
    profile: pick('profile', flags.profile, config?.profile, undefined),
    failOn: pick('fail-on', flags.failOn, config?.failOn, 'must'),
    asOf: pick('as-of', flags.asOf ?? today(), config?.asOf, today()),
    reports,
    ignore: config?.ignore ? { value: config.ignore.value, from: at(config.ignore.line) } : { value: undefined, from: 'default' },
    jobs: pick('jobs', flags.jobs, config?.jobs, undefined),
    fileTimeout: pick('file-timeout', flags.fileTimeout, config?.fileTimeout, undefined),
    catalogue: pick('catalogue', flags.catalogue, config?.catalogue, undefined),
    localRequirements: pick(
      'local-requirements',
      flags.localRequirements !== undefined ? [{ dir: resolve(flags.localRequirements), shown: flags.localRequirements }] : [],
      config?.localRequirements,
      [],
    ),
    switchOff: config?.switchOff ? { value: config.switchOff.value, from: at(config.switchOff.line) } : { value: [], from: 'default' },
    waivers: config?.waivers ? { value: config.waivers.value, from: at(config.waivers.line) } : { value: { list: [] }, from: 'default' },
    baseline: pick('baseline', flags.baseline, config?.baseline, undefined),
    cache: pick('cache', flags.cache, config?.cache, undefined),
    packBy: pick('pack-by', flags.packBy, config?.packBy, undefined),
  };
}

/** `wt-audit config`: the effective settings, one per line, with where each came from. */
export function renderSettings(s: Settings, shownConfig: string | undefined): string {
  const rows: Array<[string, string, string]> = [
    ['profile', s.profile.value ?? "(from each policy's type:, else vcse)", s.profile.from],
    ['fail-on', s.failOn.value, s.failOn.from],
    ['as-of', s.asOf.value + (s.asOf.from === 'default' ? ' (today)' : ''), s.asOf.from],
    ['reports', s.reports.value.map((r) => `${r.format}${r.path !== undefined ? `=${r.path}` : ' (standard output)'}`).join(', '), s.reports.from],
    ['ignore', s.ignore.value ? s.ignore.value.patterns.join(', ') : '(none)', s.ignore.from],
    ['jobs', s.jobs.value !== undefined ? String(s.jobs.value) : `${availableParallelism()} (one per core)`, s.jobs.from],
    ['file-timeout', s.fileTimeout.value === 0 ? '0 (no limit)' : `${s.fileTimeout.value ?? DEFAULT_FILE_TIMEOUT_S} s`, s.fileTimeout.from],
    ['catalogue', s.catalogue.value ?? '(bundled wt2026)', s.catalogue.from],
    ['local-requirements', s.localRequirements.value.map((f) => f.shown).join(', ') || '(none)', s.localRequirements.from],
    ['switch-off', String(s.switchOff.value.length), s.switchOff.from],
    ['baseline', s.baseline.value ?? '(none: every finding counts)', s.baseline.from],
    ['cache', s.cache.value ?? '(none: every file judged afresh)', s.cache.from],
    ['pack-by', s.packBy.value ?? '(none: each file is its own organisation)', s.packBy.from],
    ['waivers', `${s.waivers.value.list.length}${s.waivers.value.file ? ` from ${s.waivers.value.file}` : ''}`, s.waivers.from],
  ];
  const w1 = Math.max(...rows.map((r) => r[0].length));
  const w2 = Math.max(...rows.map((r) => r[1].length));
  const lines = [`configuration file: ${shownConfig ?? `none (no ${'.wt-audit.yaml'} here or above, up to the repository root)`}`, ''];
  for (const [k, v, from] of rows) lines.push(`${k.padEnd(w1)}  ${v.padEnd(w2)}  ${from}`);
  for (const w of s.waivers.value.list) {
    lines.push(
      `  waiver ${w.requirement} for ${w.scope}: ${w.reason} (approved by ${w.approvedBy}${w.expires ? `, until ${w.expires}` : ''})  ${w.source.path}:${w.source.line}`,
    );
  }
  for (const o of s.switchOff.value) lines.push(`  switch-off ${o.id}: ${o.reason}  ${o.file}:${o.line}`);
  return `${lines.join('\n')}\n`;
}

/** The partnership's changes to the catalogue, as the catalogue layer takes them (undefined: none). */
export function localCatalogueOf(s: Settings): LocalCatalogue | undefined {
  const folders = s.localRequirements.value;
  const switchOff = s.switchOff.value;
  return folders.length > 0 || switchOff.length > 0 ? { folders, switchOff } : undefined;
}
