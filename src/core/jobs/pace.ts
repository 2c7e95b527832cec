/**
 * Pacing for long background work that shares the web process with citizens' requests (the daily
 * site-health run, issue #13: "without raising the portal's p95 … by more than 20 %"). The work calls
 * `await pacer.tick()` between small items; once it has held the event loop for `sliceMs` the pacer
 * sleeps long enough that the work takes at most `share` of the time, so a request waits at most one
 * slice and the process keeps most of its CPU for pages. `share` 1 turns pacing off (the CLI's and an
 * administrator's runs, who wait for the answer).
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface PaceOptions {
  /** the fraction of wall time the work may take, 0 < share ≤ 1 */
  share: number;
  /** the longest the work holds the event loop at a stretch, ms */
  sliceMs?: number;
}

export class Pacer {
  private start = performance.now();
  private readonly share: number;
  private readonly sliceMs: number;
  /** ms spent sleeping, for the run's statistics */
  slept = 0;
  /** how many times the work yielded */
  sleeps = 0;

  constructor(o: PaceOptions = { share: 1 }) {
    if (!(o.share > 0 && o.share <= 1)) throw new RangeError(`pace share must be in (0, 1], got ${o.share}`);
    this.share = o.share;
    this.sliceMs = o.sliceMs ?? 2;
  }

  /** the sleep owed after `workedMs` of work: worked × (1 − share) / share */
  static restFor(workedMs: number, share: number): number {
    return share >= 1 ? 0 : (workedMs * (1 - share)) / share;
  }

  async tick(): Promise<void> {
    if (this.share >= 1) return;
    const worked = performance.now() - this.start;
    if (worked < this.sliceMs) return;
    const rest = Pacer.restFor(worked, this.share);
    await sleep(rest);
    this.slept += rest;
    this.sleeps++;
    this.start = performance.now();
  }
}
