import type { SimTask } from '../lifecycle/task.js';
import type { ResolvedOptions } from '../options.js';
import type { StatsRecorder } from '../stats/stats.js';

/** POSTs a task's final status envelope to its `callback_url` when it finishes, as apixo documents: the receiver
 * must answer 200; otherwise (or on a network error or timeout) the POST is retried with increasing delays, up to
 * `callbackRetryDelaysMs.length` times. Timers run on the simulator clock. */
export class CallbackSender {
  private readonly timers = new Set<unknown>();
  private readonly inFlight = new Set<Promise<void>>();
  private closing = new AbortController();

  constructor(
    private readonly options: ResolvedOptions,
    private readonly stats: StatsRecorder,
    private readonly envelope: (task: SimTask) => unknown,
  ) {}

  schedule(task: SimTask): void {
    if (!task.callbackUrl) return;
    this.stats.counters.callbacks.scheduled++;
    this.after(task.endAt - this.options.clock.now(), () => this.deliver(task, 0));
  }

  /** Resolves once no delivery is in flight (pending retry timers do not count: advance the clock for those). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Cancels pending retries and in-flight POSTs. */
  close(): void {
    for (const timer of this.timers) this.options.clock.clearTimeout(timer);
    this.timers.clear();
    this.closing.abort();
    this.closing = new AbortController();
  }

  private after(ms: number, run: () => void): void {
    const timer = this.options.clock.setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private deliver(task: SimTask, attempt: number): void {
    const counters = this.stats.counters.callbacks;
    counters.sent++;
    if (attempt > 0) counters.retried++;
    const signal = AbortSignal.any([
      this.closing.signal,
      AbortSignal.timeout(this.options.callbackTimeoutMs),
    ]);
    const closing = this.closing.signal;
    const run = (async () => {
      let delivered = false;
      try {
        const response = await fetch(task.callbackUrl!, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(this.envelope(task)),
          signal,
        });
        await response.arrayBuffer().catch(() => undefined);
        delivered = response.status === 200;
      } catch {
        // network error or timeout: retried below like any other non-200 answer
      }
      if (closing.aborted) return;
      const delays = this.options.callbackRetryDelaysMs;
      if (delivered) counters.delivered++;
      else if (attempt < delays.length) {
        this.after(delays[attempt]! * this.options.timeScale, () => this.deliver(task, attempt + 1));
      } else counters.failed++;
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}
