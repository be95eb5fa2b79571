/** Where a glob starts and how deep it can reach: the folders whose unreadability must be reported. */
import { describe, expect, it } from 'vitest';
import { globReach } from '../../src/cli/discover.js';

describe('globReach', () => {
  it('takes the leading plain folders as the base and counts the pattern folders below it', () => {
    expect(globReach('partners/**/*.md')).toEqual({ base: 'partners', depth: Infinity });
    expect(globReach('partners/*/policy.md')).toEqual({ base: 'partners', depth: 1 });
    expect(globReach('partners/*.md')).toEqual({ base: 'partners', depth: 0 });
    expect(globReach('area/north/*/*/safeguarding.md')).toEqual({ base: 'area/north', depth: 2 });
    expect(globReach('*.md')).toEqual({ base: '.', depth: 0 });
    expect(globReach('/srv/policies/**/*.yaml')).toEqual({ base: '/srv/policies', depth: Infinity });
  });
});
