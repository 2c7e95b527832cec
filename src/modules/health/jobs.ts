/** The daily site-health run (run.ts) on the scheduler (core/jobs): the whole cluster, as of today. */
import { JOBS } from '../../core/jobs/index.ts';
import { systemContext } from '../../core/commands/context.ts';
import { runCheck, type RunOptions } from './run.ts';
import type { Config } from '../../config/env.ts';
import { ownHosts } from './hosts.ts';

/**
 * The daily run shares the web process with citizens (GONGKAI_WORKER=true by default): its document
 * checks take at most a twentieth of the process' time, in slices of at most JOB_SLICE_MS (bench/health.ts
 * measures the portal's p95 during a run). The CLI and an administrator's run are not paced.
 */
export const JOB_SHARE = 0.05;
/**
 * A request that arrives while a slice runs waits for its end: about JOB_SHARE of requests do, so the
 * slice bounds what the run adds to the portal's p95. A cached page takes ≈ 0.04 ms of the process, an
 * uncached one ≈ 1 ms: slices of 0.5 ms (a few documents) instead of the Pacer's 2 ms keep a cached
 * hit that lands in one from waiting 50 pages' worth. The rests between slices grow to 9.5 ms, still
 * far above timer granularity.
 */
export const JOB_SLICE_MS = 0.5;

/** The options of the scheduled run (the whole cluster, paced). */
export function jobRunOptions(cfg: Pick<Config, 'publicUrl' | 'siteDomain'>): RunOptions {
  return { trigger: 'job', ownHosts: ownHosts(cfg), pace: JOB_SHARE, sliceMs: JOB_SLICE_MS };
}

JOBS.push({
  name: 'health.check',
  everyMs: 24 * 3600_000,
  run: async (d, cfg, log) => {
    const r = await runCheck(d.db, systemContext('scheduler'), jobRunOptions(cfg));
    log.info({ health: { run: r.runId, findings: r.findings.length, created: r.created, resolved: r.resolved, failed: r.sites.filter((s) => s.score.verdict === 'fail').length, ms: r.stats.totalMs } }, 'site health check');
  },
});
