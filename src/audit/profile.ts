/** Which organisation profile a document is judged as, and where that came from. */
import { PROFILES, type Profile, type Requirement } from '../catalogue/types.js';
import type { PolicyDocument } from '../document/model.js';
import type { ProfileSource } from './result.js';

export const DEFAULT_PROFILE: Profile = 'vcse';

/** Everyday names organisations give their type, mapped to a profile. */
const ALIASES: Record<string, Profile> = {
  school: 'school',
  college: 'school',
  academy: 'school',
  nursery: 'school',
  'early-years': 'school',
  childminder: 'school',
  education: 'school',
  sports: 'sports',
  sport: 'sports',
  club: 'sports',
  'sports-club': 'sports',
  ngb: 'sports',
  vcse: 'vcse',
  charity: 'vcse',
  voluntary: 'vcse',
  faith: 'vcse',
  church: 'vcse',
  youth: 'vcse',
  community: 'vcse',
  health: 'health',
  nhs: 'health',
  gp: 'health',
  hospital: 'health',
  police: 'police',
  'local-authority': 'local-authority',
  'local authority': 'local-authority',
  la: 'local-authority',
  council: 'local-authority',
  residential: 'residential',
  'childrens-home': 'residential',
  boarding: 'residential',
  fostering: 'fostering',
  'fostering-agency': 'fostering',
  partnership: 'partnership',
  masa: 'partnership',
  'safeguarding-partnership': 'partnership',
};

export function parseProfile(value: string): Profile | undefined {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, '-');
  if ((PROFILES as readonly string[]).includes(v)) return v as Profile;
  return ALIASES[v] ?? ALIASES[value.trim().toLowerCase()];
}

export interface ResolvedProfile {
  profile: Profile;
  source: ProfileSource;
  /** set when the declared type was not understood */
  warning?: string;
}

export function resolveProfile(doc: PolicyDocument, cliProfile?: Profile): ResolvedProfile {
  if (cliProfile) return { profile: cliProfile, source: 'cli' };
  const declared = doc.meta.type;
  if (declared) {
    const p = parseProfile(declared);
    const source: ProfileSource = doc.format === 'yaml' ? 'yaml' : 'front-matter';
    if (p) return { profile: p, source };
    return {
      profile: DEFAULT_PROFILE,
      source: 'default',
      warning: `unknown organisation type "${declared}" (line ${doc.meta.typeLine ?? 1}); assumed ${DEFAULT_PROFILE}`,
    };
  }
  return { profile: DEFAULT_PROFILE, source: 'default' };
}

/** Does a requirement apply to a profile? "all" means every profile except partnership. */
export function applies(req: Requirement, profile: Profile): boolean {
  return req.applies_to.includes(profile) || (req.applies_to.includes('all') && profile !== 'partnership');
}
