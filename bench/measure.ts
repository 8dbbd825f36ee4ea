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
 * The longest time the event loop could not run a timer: a 1 ms interval whose lateness is the length of whatever
 * blocked it. On a shared machine lateness also comes from the OS not scheduling this process at all, which is
 * not our code's doing, so each gap counts only as much CPU time as the process used during it
 * (`process.cpuUsage`; with busy worker threads this correction weakens but never exceeds the wall time).
 * `wallMs` keeps the uncorrected figure, and perf_hooks' event-loop-delay histogram is reported alongside.
 */
export class BlockProbe {
  private last = now();
  private lastCpu = cpuMs();
  private worst = 0;
  private worstWall = 0;
  private timer: NodeJS.Timeout;
  private histogram = monitorEventLoopDelay({ resolution: 5 });

  constructor() {
    this.histogram.enable();
    this.timer = setInterval(() => this.tick(), 1);
  }

  private tick(): void {
    const t = now();
    const cpu = cpuMs();
    const gap = t - this.last - 1;
    this.worstWall = Math.max(this.worstWall, gap);
    this.worst = Math.max(this.worst, Math.min(gap, cpu - this.lastCpu));
    this.last = t;
    this.lastCpu = cpu;
  }

  /** The longest block in ms (CPU-corrected); details for the table. */
  stop(): number {
    return this.stopDetailed().ms;
  }

  stopDetailed(): { ms: number; wallMs: number; histogramMs: number } {
    clearInterval(this.timer);
    // A block still running when stop() is called (the caller's own sync tail) counts too.
    this.tick();
    this.histogram.disable();
    return { ms: round(this.worst), wallMs: round(this.worstWall), histogramMs: round(this.histogram.max / 1e6) };
  }
}

/** CPU time this process has used, in ms (all threads). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = now();
  const value = await fn();
  return [value, now() - t0];
}
