/**
 * The progress bar on standard error: files done of the total, the rate and the time left, redrawn
 * on one line (at most about ten times a second) and cleared when the run ends. Shown only when
 * standard error is a terminal; a CI log or a redirected stderr never sees any of it.
 */

export interface ProgressState {
  done: number;
  total: number;
  /** milliseconds since the run started */
  elapsedMs: number;
  /** columns available */
  width: number;
}

/** "1m05s", "42s": a short duration. */
export function shortDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${rest}s`;
}

/** One line of progress, at most `width` columns: a bar, done/total, files per second and time left (once there is a rate). */
export function renderProgress(p: ProgressState): string {
  const rate = p.elapsedMs > 0 ? (1000 * p.done) / p.elapsedMs : 0;
  const left = rate > 0 && p.done > 0 ? shortDuration((p.total - p.done) / rate) : '?';
  const text = ` ${p.done}/${p.total} files  ${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)} files/s  ${left} left`;
  const barWidth = Math.min(30, p.width - text.length - 3);
  if (barWidth < 5) return text.trim().slice(0, Math.max(0, p.width - 1));
  const filled = p.total > 0 ? Math.round((barWidth * p.done) / p.total) : barWidth;
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${text}`;
}

/** Redraw at most this often. */
const INTERVAL_MS = 100;

export interface ProgressOut {
  write(text: string): unknown;
  columns?: number;
}

/** Draws renderProgress() on a terminal line; `now` is a clock in milliseconds (for tests). */
export class ProgressBar {
  private readonly start: number;
  private last = -Infinity;
  private drawn = false;

  constructor(
    private readonly out: ProgressOut,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.start = now();
  }

  update(done: number, total: number): void {
    const t = this.now();
    // the last file is always drawn; between, no more than ten times a second
    if (done < total && t - this.last < INTERVAL_MS) return;
    this.last = t;
    // a terminal that does not say its width (0 or unknown) gets a usual one
    const width = this.out.columns || 80;
    this.out.write(`\r${renderProgress({ done, total, elapsedMs: t - this.start, width })}\x1b[K`);
    this.drawn = true;
  }

  /** Remove the line, leaving the cursor where it was before the bar. */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }
}
