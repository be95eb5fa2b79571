/**
 * JUnit XML, as CI systems show test results: one <testsuite> per document, one <testcase> per
 * requirement. A finding at or above --fail-on is a <failure>; a requirement that does not apply,
 * or is waived, is <skipped> with the reason; anything else passes (a finding below the threshold
 * says so in <system-out>). Class names are the document's path with its extension dropped and
 * dots replaced, so viewers that split class names on dots show folders, not "md". Written a
 * document at a time, so the root element carries no totals (each suite has its own).
 */
import { resultFails } from '../audit/exit-code.js';
import type { AuditReport, DocumentResult, InputErrorReport, RequirementResult } from '../audit/result.js';
import type { Sink } from './pipelined-write.js';
import { findingDocument, findingLine, findingWhere, isReported, repoPath } from './locate.js';
import { StreamingReporter, type ReportContext } from './reporter.js';
import { statusWords } from './status-words.js';
import { xmlAttr, xmlText } from './xml.js';

/** "partners/st.marys/policy.v2.md" → "partners.st_marys.policy_v2" ("." and ".." segments dropped). */
export function classNameFor(path: string): string {
  const noExt = path.replace(/\.[^./]*$/, '');
  return noExt
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => s.replace(/\./g, '_'))
    .join('.');
}

function where(r: RequirementResult, path: string): string {
  // a Word or PDF place reads as the reader finds it ("p. 3, line 12"), not as a line of the file
  const place = findingWhere(r) ? `${path} ${findingWhere(r)}` : `${path}:${r.anchor?.kind === 'heading' ? r.anchor.line : findingLine(r)}`;
  return r.anchor?.kind === 'heading' ? `${place} (under “${r.anchor.heading}”)` : place;
}

export class JunitReporter extends StreamingReporter {
  constructor(
    write: Sink,
    private readonly ctx: ReportContext,
  ) {
    super(write);
  }

  protected head(report: AuditReport): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlAttr(`${report.tool.name} ${report.catalogue.id}`)}">\n`;
  }

  private testcase(r: RequirementResult, suitePath: string, className: string, doc: DocumentResult): string {
    // in a pack, the file a finding points into
    const path = doc.pack ? repoPath(findingDocument(r, doc.path), this.ctx.cwd, this.ctx.root) : suitePath;
    const open = `    <testcase classname="${xmlAttr(className)}" name="${xmlAttr(`${r.id}: ${r.title}`)}" file="${xmlAttr(path)}"`;
    if (r.status === 'not-applicable' || r.status === 'waived') {
      // a waived result's message already says so, with the reason and the approver
      const why = r.status === 'waived' ? r.message : `${statusWords(r.status)}: ${r.message}`;
      return `${open}>\n      <skipped message="${xmlAttr(why)}"/>\n    </testcase>\n`;
    }
    const detail = [`${statusWords(r.status)} (${r.strength}) at ${where(r, path)}: ${r.message}`];
    const fix = this.remediationOf(r.id);
    if (fix) detail.push(`Fix: ${fix}`);
    detail.push(`Ref: ${r.reference}`);
    if (resultFails(r, this.failOn)) {
      return `${open}>\n      <failure message="${xmlAttr(`${statusWords(r.status)}: ${r.message}`)}" type="${xmlAttr(r.status)}">${xmlText(detail.join('\n'))}</failure>\n    </testcase>\n`;
    }
    const why = r.known ? 'known (in the baseline)' : `below --fail-on ${this.failOn}`;
    if (isReported(r)) return `${open}>\n      <system-out>${xmlText(`${why}: ${detail.join('\n')}`)}</system-out>\n    </testcase>\n`;
    return `${open}/>\n`;
  }

  protected body(doc: DocumentResult): string {
    const path = repoPath(doc.path, this.ctx.cwd, this.ctx.root);
    const className = classNameFor(path);
    const failures = doc.results.filter((r) => resultFails(r, this.failOn)).length;
    const skipped = doc.counts['not-applicable'] + doc.counts.waived;
    const props = [
      ['profile', doc.profile],
      ['score', String(doc.score)],
      ['sha256', doc.sha256],
      ...(doc.organisation ? [['organisation', doc.organisation]] : []),
      ...(doc.pack ? doc.pack.documents.map((m) => ['document', `${repoPath(m.path, this.ctx.cwd, this.ctx.root)} sha256:${m.sha256}`]) : []),
    ]
      .map(([k, v]) => `      <property name="${xmlAttr(k!)}" value="${xmlAttr(v!)}"/>\n`)
      .join('');
    const cases = doc.results.map((r) => this.testcase(r, path, className, doc)).join('');
    return `  <testsuite name="${xmlAttr(path)}" tests="${doc.results.length}" failures="${failures}" errors="0" skipped="${skipped}">\n    <properties>\n${props}    </properties>\n${cases}  </testsuite>\n`;
  }

  protected tail(errors: InputErrorReport[]): string {
    // a file that could not be audited is a suite with one errored test, so CI shows it too
    const suites = errors.map((e) => {
      const path = repoPath(e.path, this.ctx.cwd, this.ctx.root);
      const place = `${path}${e.line ? `:${e.line}` : ''}${e.line && e.column ? `:${e.column}` : ''}`;
      return `  <testsuite name="${xmlAttr(path)}" tests="1" failures="0" errors="1" skipped="0">\n    <testcase classname="${xmlAttr(classNameFor(path))}" name="audit" file="${xmlAttr(path)}">\n      <error message="${xmlAttr(e.message)}" type="input-error">${xmlText(`${place}: ${e.message}`)}</error>\n    </testcase>\n  </testsuite>\n`;
    });
    return `${suites.join('')}</testsuites>\n`;
  }
}
