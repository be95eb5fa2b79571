/** The configuration's local-requirements and switch-off keys, read in process (loadConfig): paths, lines, and refusals at file:line:column. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/cli/config-file.js';

function config(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-cfg-local-'));
  writeFileSync(join(dir, '.wt-audit.yaml'), text);
  return join(dir, '.wt-audit.yaml');
}

describe('local-requirements and switch-off in .wt-audit.yaml', () => {
  it('folders are relative to the file (one or a list), shown relative to how the file is shown; switch-offs keep their lines', () => {
    const path = config('local-requirements:\n  - local\n  - /abs/other\nswitch-off:\n  - id: WT26-C3-FGM\n    reason: "  covered elsewhere  "\n');
    const c = loadConfig(path, 'sub/.wt-audit.yaml');
    expect(c.localRequirements).toEqual({
      value: [
        { dir: join(path, '..', 'local'), shown: join('sub', 'local') },
        { dir: '/abs/other', shown: '/abs/other' },
      ],
      line: 1,
    });
    expect(c.switchOff).toEqual({ value: [{ id: 'WT26-C3-FGM', reason: 'covered elsewhere', file: 'sub/.wt-audit.yaml', line: 5 }], line: 4 });
    expect(loadConfig(config('local-requirements: mine\n')).localRequirements?.value.map((f) => f.dir)).toEqual([expect.stringMatching(/\/mine$/)]);
  });

  it('a switch-off without a reason, with a blank one, or with an unknown key is refused at its place', () => {
    const refused = (text: string) => {
      try {
        loadConfig(config(text), '.wt-audit.yaml');
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused('switch-off:\n  - id: WT26-C3-FGM\n')).toMatch(/^\.wt-audit\.yaml:2:5: switch-off\.0: .*reason/);
    expect(refused('switch-off:\n  - id: WT26-C3-FGM\n    reason: "   "\n')).toMatch(/^\.wt-audit\.yaml:3:13: switch-off\.0\.reason: must match pattern/);
    expect(refused('switch-off:\n  - id: WT26-C3-FGM\n    reason: x\n    by: me\n')).toMatch(/^\.wt-audit\.yaml:4:5: switch-off\.0: unknown key 'by'/);
    expect(refused('local-requirements: []\n')).toMatch(/^\.wt-audit\.yaml:1:\d+: local-requirements/);
  });
});
