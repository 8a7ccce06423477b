/**
 * Write-behind buffer: the hot path pushes and returns; a timer flushes in batches.
 * Used for request logs and key last-used times, which must never slow a response.
 * A full queue drops the oldest items (counted) rather than growing without bound.
 */
export class BatchWriter<T> {
  private queue: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  dropped = 0;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: { name: string; intervalMs: number; maxBatch: number; maxQueue: number },
  ) {}

  push(item: T): void {
    if (this.queue.length >= this.options.maxQueue) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push(item);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.intervalMs);
      this.timer.unref();
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Writes everything queued so far; concurrent callers share one flush. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing) await this.flushing;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.flushing = this.write(batch).catch((error: unknown) => {
        // Logged without the items: they may hold personal data.
        console.error(`[${this.options.name}] lost a batch of ${batch.length}: ${(error as Error).message}`);
      });
      await this.flushing;
      this.flushing = undefined;
      // A write may block the thread (SQLite is synchronous): let waiting requests in between batches.
      if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
