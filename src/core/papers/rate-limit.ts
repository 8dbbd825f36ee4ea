// Spacing requests to one service: `run(work)` starts `work` once at least `intervalMs` have passed since the
// previous work started, one at a time (the next waits for the previous to finish), in the order asked. The clock
// and sleep are injected so tests drive time by hand instead of waiting.
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise<void>((r) => setTimeout(r, ms)),
};

export class RateLimit {
  private last = Number.NEGATIVE_INFINITY;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly intervalMs: number, private readonly clock: Clock = realClock) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      const due = this.last + this.intervalMs - this.clock.now();
      if (due > 0) await this.clock.sleep(due);
      this.last = this.clock.now();
      return work();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
