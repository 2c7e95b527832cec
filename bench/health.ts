/**
 * `npm run bench:health` — the site-health link checker on a big cluster (issue #13: 100 000 internal
 * links in under 5 minutes, without raising the portal's p95 by more than 20 %).
 *
 *   1. a scratch database (PostgreSQL at BENCH_DATABASE_URL, else PGlite; BENCH_DB=pglite forces it) with
 *      the demo units and BENCH_DOCS synthetic documents (default 20 000); BENCH_LINKS internal links
 *      (default 100 000) are spread over the published documents' bodies — document pages of any unit,
 *      unit pages, and 1 % that point at documents that do not exist (they must be found);
 *   2. gongkai (`src/main.ts web`, production, jobs in the web process as by default) starts once and
 *      runs its startup jobs (index catch-up, the first health run) to the end;
 *   3. a whole-cluster check (`runCheck`, what `gongkai health check` runs, unpaced) is timed alone;
 *   4. the reference: the server restarted (no job due); wrk measures the p95 of a cached document page
 *      and of the same page uncached (a query string the cache refuses) in windows of BENCH_WINDOW s;
 *   5. the server restarted once more with the health job due (GONGKAI_JOBS_START_DELAY_S=6, warmed up
 *      meanwhile): the same windows run until the job's run is written, and their p95 is compared;
 *   6. the figures go into docs/benchmarks.md unless BENCH_WRITE=0.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../src/core/db/index.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { systemContext } from '../src/core/commands/context.ts';
import { runCheck } from '../src/modules/health/run.ts';
import { JOB_SHARE } from '../src/modules/health/jobs.ts';
import { loadCorpus, loadUnits } from './load.ts';
import { cpuSeconds as cpuOf, ROOT, scratchDatabase, serverEnv, startServer as start, stopServer } from './server.ts';
import { freePort, median, runWrk, waitFor, writeLua, type WrkResult } from './wrk.ts';

const cpuSeconds = (pid: number) => cpuOf(pid) ?? 0;

const env = process.env;
const DOCS = Number(env.BENCH_DOCS ?? 20_000);
const LINKS = Number(env.BENCH_LINKS ?? 100_000);
const WINDOW = Number(env.BENCH_WINDOW ?? 3);
const REFERENCE_WINDOWS = Number(env.BENCH_ROUNDS ?? 5);
const WRITE = env.BENCH_WRITE !== '0';
const log = (s: string) => console.log(`[bench:health] ${s}`);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Waits (10 s at least, 15 min at most) until the server has used under 5 % of a core for 5 s: its startup jobs are done. */
async function settle(p: ChildProcess): Promise<void> {
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, 10_000));
  for (let quiet = 0; quiet < 5 && performance.now() - t0 < 900_000;) {
    const a = cpuSeconds(p.pid!);
    await new Promise((r) => setTimeout(r, 1000));
    quiet = cpuSeconds(p.pid!) - a < 0.05 ? quiet + 1 : 0;
  }
  log(`startup jobs done after ${fmt((performance.now() - t0) / 1000)} s`);
}

const stop = stopServer;

/** Appends BENCH_LINKS links to the published documents' bodies, in batches of one statement. */
async function addLinks(database: Database): Promise<{ documents: number; links: number; broken: number }> {
  const docs = (await sql<{ id: number; slug: string }>`
    select d.id, u.slug from documents d join units u on u.id = d.unit_id
    where d.status = 'published' and d.disclosure = 'proactive' order by d.id`.execute(database.db)).rows;
  const slugs = [...new Set(docs.map((d) => d.slug))];
  const per = Math.ceil(LINKS / docs.length);
  let links = 0, broken = 0;
  for (let i = 0; i < docs.length; i += 2000) {
    const ids: number[] = [], tails: string[] = [];
    for (const [k, d] of docs.slice(i, i + 2000).entries()) {
      const parts: string[] = [];
      for (let j = 0; j < per && links < LINKS; j++, links++) {
        const n = (i + k) * per + j;
        if (n % 100 === 99) { broken++; parts.push(`<a href="/u/${d.slug}/doc/${900_000_000 + n}">已删除的文件</a>`); }
        else if (n % 10 === 3) parts.push(`<a href="/u/${slugs[n % slugs.length]}/xxgk/">信息公开</a>`);
        else { const t = docs[(n * 7919) % docs.length]; parts.push(`<a href="/u/${t.slug}/doc/${t.id}">相关文件${t.id}</a>`); }
      }
      ids.push(d.id);
      tails.push(`<p>${parts.join('、')}</p>`);
    }
    await sql`update documents d set body_html = d.body_html || t.tail from unnest(${ids}::int[], ${tails}::text[]) as t(id, tail) where d.id = t.id`.execute(database.db);
  }
  await sql`analyze documents`.execute(database.db);
  return { documents: docs.length, links, broken };
}

/** wrk windows over the cached and the uncached document page, alternating, until `until` says stop. */
async function windows(url: string, lua: string, until: (n: number) => Promise<boolean>): Promise<{ cached: WrkResult[]; uncached: WrkResult[] }> {
  const out = { cached: [] as WrkResult[], uncached: [] as WrkResult[] };
  for (let n = 0; !(await until(n)); n++) {
    const uncached = n % 2 === 1;
    const r = await runWrk(uncached ? `${url}?bench=uncached-${n}` : url, { lua, threads: 1, connections: 8, seconds: WINDOW });
    (uncached ? out.uncached : out.cached).push(r);
  }
  return out;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-health-'));
  const scratch = await scratchDatabase(dir, `gongkai_bench_health_${process.pid}`);
  const procs: ChildProcess[] = [];
  try {
    const load = loadavg().map((x) => x.toFixed(2)).join(' / ');
    let database = await scratch.open();
    await migrateToLatest(database.db);
    const units = await loadUnits(database.db);
    const loaded = await loadCorpus(database.db, units, DOCS);
    const seeded = await addLinks(database);
    log(`${scratch.label}: ${fmt(loaded.documents)} documents (${fmt(seeded.documents)} public), ${fmt(seeded.links)} internal links (${fmt(seeded.broken)} broken)`);
    const doc = (await sql<{ id: number; slug: string }>`select d.id, u.slug from documents d join units u on u.id = d.unit_id
      where d.status = 'published' and d.disclosure = 'proactive' order by d.id limit 1`.execute(database.db)).rows[0];
    await database.close();

    // first start: the startup jobs (search index catch-up, the first health run …) run and finish
    const lua = writeLua(dir);
    const serve = async (extra: Record<string, string>) => {
      const port = await freePort();
      const server = start(serverEnv(port, dir, { ...scratch.serverEnv, GONGKAI_WORKER: 'true', ...extra }), { pin: true });
      procs.push(server);
      await waitFor(`http://127.0.0.1:${port}/readyz`, 120_000);
      return { server, url: `http://127.0.0.1:${port}/u/${doc.slug}/doc/${doc.id}` };
    };
    let s = await serve({});
    await settle(s.server);
    await stop(s.server);

    // the check alone, as the CLI runs it (unpaced)
    database = await scratch.open();
    const t0 = performance.now();
    const alone = await runCheck(database.db, systemContext('bench'), { trigger: 'cli', ownHosts: [] });
    const aloneSeconds = (performance.now() - t0) / 1000;
    const found = alone.findings.filter((f) => f.kind === 'link').length;
    log(`check alone: ${fmt(aloneSeconds, 1)} s, ${fmt(alone.stats.internalLinks)} internal links, ${fmt(found)} broken-link findings`);
    await database.close();

    // the reference: the same server with its jobs on and none due
    s = await serve({});
    await runWrk(s.url, { lua, threads: 1, connections: 8, seconds: 3 });
    const reference = await windows(s.url, lua, async (n) => n >= REFERENCE_WINDOWS * 2);
    await stop(s.server);

    // the daily job inside the web process (GONGKAI_WORKER=true, the default), while citizens read
    database = await scratch.open();
    const runsBefore = Number((await sql<{ n: number }>`select count(*)::int as n from health_runs`.execute(database.db)).rows[0].n);
    await sql`delete from job_runs where name = 'health.check'`.execute(database.db);
    // PGlite is one process's: the server opens it, so the bench watches the clock instead of the table
    const watch = scratch.kind === 'postgres';
    if (!watch) await database.close();
    const DELAY = 6;
    const booted = performance.now();
    s = await serve({ GONGKAI_JOBS_START_DELAY_S: String(DELAY) });
    await runWrk(s.url, { lua, threads: 1, connections: 8, seconds: 2 });
    while ((performance.now() - booted) / 1000 < DELAY) await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    const finished = async () => Number((await sql<{ n: number }>`select count(*)::int as n from health_runs`.execute(database.db)).rows[0].n) > runsBefore;
    const during = await windows(s.url, lua, async (n) => n >= 2 && (watch ? await finished() : n * WINDOW >= aloneSeconds / JOB_SHARE + 2));
    const inServerSeconds = (performance.now() - started) / 1000;
    if (watch) await database.close();
    await stop(s.server);

    const p95 = (rs: WrkResult[]) => median(rs.map((r) => r.p95ms));
    const rps = (rs: WrkResult[]) => median(rs.map((r) => r.rps));
    const rise = (a: WrkResult[], b: WrkResult[]) => ((p95(b) / p95(a) - 1) * 100);
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, Node ${process.version}, ${scratch.label}, load average before the run ${load}.`,
      `${fmt(loaded.documents)} documents (${fmt(seeded.documents)} public) holding ${fmt(alone.stats.internalLinks)} internal links, ${fmt(seeded.broken)} of them broken.`,
      '',
      '| measure | figure | goal |',
      '|---|---|---|',
      `| whole-cluster check alone (\`gongkai health check\`) | ${fmt(aloneSeconds, 1)} s, ${fmt(found)} broken links found of ${fmt(seeded.broken)} | < 300 s for 100 000 links; every broken link found |`,
      `| the daily job inside the web process (paced to ${JOB_SHARE * 100} % of the process), under load | ${watch ? '≈ ' : 'windows for '}${fmt(inServerSeconds, 0)} s (${during.cached.length + during.uncached.length} windows of ${WINDOW} s) | < 300 s |`,
      `| cached document page p95, portal alone → during the check | ${fmt(p95(reference.cached), 2)} → ${fmt(p95(during.cached), 2)} ms (${rise(reference.cached, during.cached) >= 0 ? '+' : ''}${fmt(rise(reference.cached, during.cached), 0)} %); ${fmt(rps(reference.cached))} → ${fmt(rps(during.cached))} req/s | ≤ +20 % |`,
      `| uncached document page p95, portal alone → during the check | ${fmt(p95(reference.uncached), 2)} → ${fmt(p95(during.uncached), 2)} ms (${rise(reference.uncached, during.uncached) >= 0 ? '+' : ''}${fmt(rise(reference.uncached, during.uncached), 0)} %); ${fmt(rps(reference.uncached))} → ${fmt(rps(during.uncached))} req/s | ≤ +20 % |`,
    ];
    const report = lines.join('\n');
    console.log('\n' + report);
    if (found < seeded.broken) throw new Error(`the check found ${found} broken links of ${seeded.broken}`);
    if (WRITE) writeSection(report);
  } finally {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await scratch.drop().catch((e) => console.error('could not drop the scratch database:', e));
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeSection(report: string) {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const start = '<!-- health-bench:start -->', end = '<!-- health-bench:end -->';
  const block = `${start}\n${report}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n## Site health: the link checker (\`npm run bench:health\`)\n\n${block}\n`;
  writeFileSync(file, text);
  log(`wrote ${file}`);
}

await main();
