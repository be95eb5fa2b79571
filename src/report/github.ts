/**
 * GitHub Actions workflow commands: an annotation per finding (`::error file=…,line=…,title=…::…`)
 * on the policy's line, and a Markdown summary appended to the job's step summary when the run
 * has one ($GITHUB_STEP_SUMMARY, handed in by the CLI).
 *
 * GitHub shows at most ANNOTATION_CAP annotations of each kind per step and drops the rest
 * silently, so the first ANNOTATION_CAP of each kind are commands and the others plain log lines,
 * with a closing line saying how many were left out. A finding at or above --fail-on is an error,
 * a finding below it a warning, needs review a notice.
 */
import { resultFails, type FailOn } from '../audit/exit-code.js';
import type { AuditReport, DocumentResult, InputErrorReport, RequirementResult } from '../audit/result.js';
import type { Sink } from './pipelined-write.js';
import { findingDocument, findingLine, findingWhere, isReported, repoPath } from './locate.js';
import { StreamingReporter, type ReportContext } from './reporter.js';
import { statusWords } from './status-words.js';
import { renderSummaryMarkdown, RunSummary } from './summary.js';

/** Annotations of one kind GitHub shows per step (10 errors, 10 warnings; 50 in all per job). */
export const ANNOTATION_CAP = 10;

type Kind = 'error' | 'warning' | 'notice';

/** Escaping of a command's message: %, CR and LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property value: as the message, and : and , too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function command(kind: Kind, props: { file: string; line: number; title: string }, message: string): string {
  return `::${kind} file=${escapeProperty(props.file)},line=${props.line},title=${escapeProperty(props.title)}::${escapeData(message)}`;
}

function kindOf(r: RequirementResult, failOn: FailOn): Kind {
  if (resultFails(r, failOn)) return 'error';
  return r.status === 'needs-review' ? 'notice' : 'warning';
}

export class GithubReporter extends StreamingReporter {
  private readonly shown: Record<Kind, number> = { error: 0, warning: 0, notice: 0 };
  private readonly leftOut: Record<Kind, number> = { error: 0, warning: 0, notice: 0 };
  private readonly summary = new RunSummary();

  constructor(
    write: Sink,
    private readonly ctx: ReportContext,
  ) {
    super(write);
  }

  protected head(report: AuditReport): string {
    this.summary.start(report);
    return '';
  }

  private line(kind: Kind, file: string, line: number, title: string, message: string): string {
    if (this.shown[kind] < ANNOTATION_CAP) {
      this.shown[kind]++;
      return `${command(kind, { file, line, title }, message)}\n`;
    }
    this.leftOut[kind]++;
    // still in the log, where a reader can find it: one line, whatever the message holds, and never
    // starting with "::" (a submitted file name must not become a workflow command)
    return `wt-audit: ${file}:${line}: ${kind}: ${title}: ${message.replace(/[\r\n]+/g, ' ')}\n`;
  }

  protected body(doc: DocumentResult): string {
    const file = repoPath(doc.path, this.ctx.cwd, this.ctx.root);
    this.summary.add(doc, file);
    let out = '';
    for (const r of doc.results) {
      if (!isReported(r)) continue;
      const fix = this.remediationOf(r.id);
      // a Word or PDF document's line is no line GitHub can show: the message names the page or paragraph
      const at = findingWhere(r) ? `\nAt: ${findingWhere(r)}` : '';
      const message = `${r.title}: ${r.message}${/[.!?]$/.test(r.message) ? '' : '.'}${at}${fix ? `\nFix: ${fix}` : ''}\nRef: ${r.reference}`;
      const target = doc.pack ? repoPath(findingDocument(r, doc.path), this.ctx.cwd, this.ctx.root) : file;
      out += this.line(kindOf(r, this.failOn), target, findingLine(r), `${r.id} ${statusWords(r.status)} (${r.strength}${r.known ? ', known' : ''})`, message);
    }
    return out;
  }

  protected async tail(errors: InputErrorReport[], warnings: InputErrorReport[]): Promise<string> {
    let out = '';
    for (const e of errors)
      out += this.line('error', repoPath(e.path, this.ctx.cwd, this.ctx.root), e.line ?? 1, 'wt-audit: cannot audit this file', e.message);
    for (const w of warnings) out += this.line('warning', repoPath(w.path, this.ctx.cwd, this.ctx.root), w.line ?? 1, 'wt-audit', w.message);
    const left = (['error', 'warning', 'notice'] as const)
      .filter((k) => this.leftOut[k] > 0)
      .map((k) => `${this.leftOut[k]} ${k}${this.leftOut[k] === 1 ? '' : 's'}`);
    if (left.length > 0)
      out += `wt-audit: ${left.join(', ')} not shown as annotations (GitHub shows ${ANNOTATION_CAP} of each kind per step); they are listed above and in the other reports.\n`;
    await this.ctx.appendStepSummary?.(renderSummaryMarkdown(this.summary, errors, warnings));
    return out;
  }
}
