// Small measuring tools shared by the phases: percentiles, a memory meter and an event-loop block probe.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export const now = (): number => performance.now();
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const MB = 1024 * 1024;

/** Nearest-rank percentile (p in 0..100); `null` for no samples. */
export function percentile(samples: number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) { g(); g(); }
}

/**
 * Peak heap and RSS of this process. A timer samples while async work runs; synchronous work (a lunr build)
 * starves timers, so callers also call `sample()` at checkpoints inside long loops. RSS peak comes from the
 * kernel's maxrss, which is exact; heap peak is the highest sample (a slight underestimate during one long
 * synchronous call). Heap used by worker threads is not in this isolate's numbers: RSS covers it.
 */
export class MemoryMeter {
  peakHeap = 0;
  private timer?: NodeJS.Timeout;

  start(intervalMs = 10): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const h = process.memoryUsage().heapUsed;
    if (h > this.peakHeap) this.peakHeap = h;
  }

  /** `measuredUntilMs` (process-relative) tells the runner where to stop reading the V8 GC trace for peaks. */
  stop(): { peakHeapMb: number; peakRssMb: number; measuredUntilMs: number } {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return { peakHeapMb: round(this.peakHeap / MB), peakRssMb: round(process.resourceUsage().maxRSS / 1024), measuredUntilMs: round(now()) };
  }
}

export function heapUsedMb(): number {
  return round(process.memoryUsage().heapUsed / MB);
}

/**
 * The longest time the event loop could not run a timer: a 1 ms interval whose lateness is the length of
 * whatever blocked it. Cross-checked with perf_hooks' event-loop-delay histogram; the larger of the two wins.
 */
export class BlockProbe {
  private last = now();
  private worst = 0;
  private timer: NodeJS.Timeout;
  private histogram = monitorEventLoopDelay({ resolution: 5 });

  constructor() {
    this.histogram.enable();
    this.timer = setInterval(() => {
      const t = now();
      this.worst = Math.max(this.worst, t - this.last - 1);
      this.last = t;
    }, 1);
  }

  stop(): number {
    clearInterval(this.timer);
    // A block still running when stop() is called (the caller's own sync tail) counts too.
    this.worst = Math.max(this.worst, now() - this.last - 1);
    this.histogram.disable();
    return round(Math.max(this.worst, this.histogram.max / 1e6 - 5));
  }
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = now();
  const value = await fn();
  return [value, now() - t0];
}
