/**
 * The two sides of a diff from what the user gives: a report the audit has just made, or the text
 * of a saved JSON report (schema version 2). A saved report is checked for the few fields a diff
 * reads, so a wrong file is refused with a message that says what is wrong, not a crash.
 */
import type { AuditReport, DocumentResult, Status } from '../audit/result.js';
import type { DiffResultIn, DiffSide } from './diff.js';

/** The input cannot be compared: the message names the file and what is wrong. */
export class DiffInputError extends Error {}

/** The schema major this tool reads. */
const READS_MAJOR = 2;

const STATUSES: ReadonlySet<string> = new Set<Status>(['met', 'partial', 'gap', 'outdated', 'not-applicable', 'waived', 'needs-review']);

function resultIn(r: DocumentResult['results'][number]): DiffResultIn {
  return {
    id: r.id,
    title: r.title,
    strength: r.strength,
    chapter: r.chapter,
    status: r.status,
    evidence: r.evidence.map((e) => ({ line: e.line, excerpt: e.excerpt })),
  };
}

function sideOf(report: Pick<AuditReport, 'asOf' | 'catalogue'>, doc: DocumentResult, source: string, kind: DiffSide['kind']): DiffSide {
  return {
    source,
    kind,
    path: doc.path,
    sha256: doc.sha256,
    profile: doc.profile,
    score: doc.score,
    asOf: report.asOf,
    catalogue: { edition: report.catalogue.edition, sha256: report.catalogue.sha256 },
    results: doc.results.map(resultIn),
  };
}

/** A policy audited now: its report holds the one document, or the error that stopped it. */
export function sideFromAudit(report: AuditReport, source: string): DiffSide {
  const err = report.errors[0];
  if (err) throw new DiffInputError(`${err.path}${err.line !== undefined ? `:${err.line}` : ''}: ${err.message}`);
  const doc = report.documents[0];
  if (!doc) throw new DiffInputError(`${source}: no policy was audited`);
  return sideOf(report, doc, source, 'policy');
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function need(ok: boolean, source: string, what: string): asserts ok {
  if (!ok) throw new DiffInputError(`${source}: not a wt-audit JSON report: ${what}`);
}

function resultFromJson(v: unknown, i: number, source: string): DiffResultIn {
  const at = `documents[0].results[${i}]`;
  need(isObject(v), source, `${at} is not an object`);
  const { id, title, strength, chapter, status, evidence } = v;
  need(typeof id === 'string' && id !== '', source, `${at}.id is missing`);
  need(typeof status === 'string' && STATUSES.has(status), source, `${at}.status is not a status`);
  need(strength === 'must' || strength === 'should', source, `${at}.strength is not must or should`);
  need(Array.isArray(evidence), source, `${at}.evidence is not a list`);
  const quotes = evidence.map((e, j) => {
    need(isObject(e) && typeof e.line === 'number' && typeof e.excerpt === 'string', source, `${at}.evidence[${j}] has no line and excerpt`);
    return { line: e.line, excerpt: e.excerpt };
  });
  return {
    id,
    title: typeof title === 'string' ? title : id,
    strength,
    chapter: typeof chapter === 'string' ? chapter : '',
    status: status as Status,
    evidence: quotes,
  };
}

/**
 * A saved JSON report's first document. Reports of another schema major are refused; a report of
 * several documents is compared by its first, and `note` says so.
 */
export function sideFromReportJson(text: string, source: string, note: (message: string) => void = () => undefined): DiffSide {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DiffInputError(`${source}: not valid JSON: ${(e as Error).message}`);
  }
  need(isObject(data), source, 'the top level is not an object');
  const version = data.schemaVersion;
  need(typeof version === 'string', source, 'it has no schemaVersion');
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  if (major !== READS_MAJOR)
    throw new DiffInputError(
      `${source}: a report of schema version ${version}; this wt-audit compares reports of version ${READS_MAJOR}.x (audit the policy again, or pass the policy itself)`,
    );
  const { documents, catalogue, asOf } = data;
  need(Array.isArray(documents), source, 'it has no documents list');
  need(isObject(catalogue) && typeof catalogue.edition === 'string', source, 'it has no catalogue edition');
  const doc: unknown = documents[0];
  if (doc === undefined) {
    const errors = Array.isArray(data.errors) ? data.errors.filter(isObject) : [];
    const why =
      errors[0] && typeof errors[0].message === 'string' ? `: ${typeof errors[0].path === 'string' ? `${errors[0].path}: ` : ''}${errors[0].message}` : '';
    throw new DiffInputError(`${source}: the report holds no audited policy${why}`);
  }
  need(isObject(doc), source, 'documents[0] is not an object');
  need(Array.isArray(doc.results), source, 'documents[0] has no results');
  need(typeof doc.path === 'string', source, 'documents[0] has no path');
  if (documents.length > 1) note(`${source} holds ${documents.length} policies; comparing the first, ${doc.path}`);
  return {
    source,
    kind: 'report',
    path: doc.path,
    sha256: typeof doc.sha256 === 'string' ? doc.sha256 : '',
    profile: typeof doc.profile === 'string' ? doc.profile : '',
    score: typeof doc.score === 'number' ? doc.score : 0,
    asOf: typeof asOf === 'string' ? asOf : '',
    catalogue: { edition: catalogue.edition, sha256: typeof catalogue.sha256 === 'string' ? catalogue.sha256 : '' },
    results: doc.results.map((r, i) => resultFromJson(r, i, source)),
  };
}
