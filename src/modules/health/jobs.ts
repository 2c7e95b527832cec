/** The daily site-health run (run.ts) on the scheduler (core/jobs): the whole cluster, as of today. */
import { JOBS } from '../../core/jobs/index.ts';
import { systemContext } from '../../core/commands/context.ts';
import { runCheck } from './run.ts';
import { ownHosts } from './hosts.ts';

/**
 * The daily run shares the web process with citizens (GONGKAI_WORKER=true by default): its document
 * checks take at most a twentieth of the process' time, in slices of 2 ms (bench/health.ts measures the
 * portal's p95 during a run). The CLI and an administrator's run are not paced.
 */
export const JOB_SHARE = 0.05;

JOBS.push({
  name: 'health.check',
  everyMs: 24 * 3600_000,
  run: async (d, cfg, log) => {
    const r = await runCheck(d.db, systemContext('scheduler'), { trigger: 'job', ownHosts: ownHosts(cfg), pace: JOB_SHARE });
    log.info({ health: { run: r.runId, findings: r.findings.length, created: r.created, resolved: r.resolved, failed: r.sites.filter((s) => s.score.verdict === 'fail').length, ms: r.stats.totalMs } }, 'site health check');
  },
});
