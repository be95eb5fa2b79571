/**
 * Keeps one write in flight: send() queues chunks for the sink and returns once the previous send
 * is written, so the audit of the next file overlaps the write of this one. Writes happen in the
 * order sent. A failed write is thrown by the next send() or settle(), and nothing more is written
 * after it.
 */
export type Sink = (chunk: string | Uint8Array) => void | Promise<void>;

export class PipelinedWrite {
  private inFlight: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(private readonly sink: Sink) {}

  /**
   * Queue these chunks behind what is being written, in order; resolves once everything queued
   * before them is written (so at most one send waits behind the one in flight).
   */
  send(...chunks: Array<string | Uint8Array>): Promise<void> {
    const previous = this.inFlight;
    this.inFlight = previous.then(() => (this.failure ? undefined : this.write(chunks)));
    return previous.then(() => this.rethrow());
  }

  /** Wait for everything queued; rethrow a failure. */
  settle(): Promise<void> {
    return this.inFlight.then(() => this.rethrow());
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.error;
  }

  private async write(chunks: Array<string | Uint8Array>): Promise<void> {
    try {
      for (const c of chunks) await this.sink(c);
    } catch (error) {
      this.failure = { error };
    }
  }
}
