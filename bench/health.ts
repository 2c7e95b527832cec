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
 *   4. the reference: the server restarted (no job due); windows of BENCH_WINDOW s in turn: wrk saturating
 *      the cached document page, then the same page uncached (a query string the cache refuses), then
 *      both at fixed, realistic rates together (BENCH_CACHED_RATE, default 2 000 req/s, and
 *      BENCH_UNCACHED_RATE, default 200 req/s; paced wrk, see writePacedLua) — p50/p95/p99 and req/s;
 *   5. the server restarted once more with the health job due (GONGKAI_JOBS_START_DELAY_S=6, warmed up
 *      meanwhile): the same windows run until the job's run is written, and their p95 is compared;
 *      on PostgreSQL (unless BENCH_WORKER=0) once more with the job in `gongkai worker` beside a web
 *      process without jobs (GONGKAI_WORKER=false);
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
import { JOB_SHARE, JOB_SLICE_MS } from '../src/modules/health/jobs.ts';
import { loadCorpus, loadUnits } from './load.ts';
import { cpuSeconds as cpuOf, ROOT, scratchDatabase, serverEnv, startServer as start, stopServer } from './server.ts';
import { freePort, median, runWrk, waitFor, writeLua, writePacedLua, type WrkResult } from './wrk.ts';

const cpuSeconds = (pid: number) => cpuOf(pid) ?? 0;

const env = process.env;
const DOCS = Number(env.BENCH_DOCS ?? 20_000);
const LINKS = Number(env.BENCH_LINKS ?? 100_000);
const WINDOW = Number(env.BENCH_WINDOW ?? 3);
const REFERENCE_WINDOWS = Number(env.BENCH_ROUNDS ?? 5);
const WRITE = env.BENCH_WRITE !== '0';
const DURING_MAX = Number(env.BENCH_DURING_MAX_S ?? 360);
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
/** `gongkai worker`, not pinned: the operating system places it, as beside a web process in production. */
const startWorker = (e: NodeJS.ProcessEnv) => start(e, { role: 'worker' });

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

/**
 * The realistic load (issue #13's p95 bound is about citizens, not about a saturated server): a city
 * portal's busiest minute is far below what one Node.js thread serves (docs/benchmarks.md), so the
 * portal is offered a fixed CACHED_RATE req/s of cached pages and UNCACHED_RATE of uncached ones at
 * once, as citizens would (random arrivals, wrk paced by writePacedLua).
 */
const CACHED_RATE = Number(env.BENCH_CACHED_RATE ?? 2000), CACHED_CONNS = 40;
const UNCACHED_RATE = Number(env.BENCH_UNCACHED_RATE ?? 200), UNCACHED_CONNS = 10;

type Kind = 'cached' | 'uncached' | 'fixedCached' | 'fixedUncached';
type Windows = Record<Kind, WrkResult[]>;
interface Paced { cachedLua: string; uncachedLua: string }

/** Paced scripts: the mean gap per connection is the rate's, less the page's own time (from the saturated reference). */
function pacedScripts(dir: string, serviceMs: { cached: number; uncached: number }): Paced {
  return {
    cachedLua: writePacedLua(dir, 'paced-cached', Math.max(1, (CACHED_CONNS * 1000) / CACHED_RATE - serviceMs.cached)),
    uncachedLua: writePacedLua(dir, 'paced-uncached', Math.max(1, (UNCACHED_CONNS * 1000) / UNCACHED_RATE - serviceMs.uncached)),
  };
}

/**
 * Windows of WINDOW s, in turn: wrk saturating the cached page, then the uncached page (closed loop,
 * 8 connections), then — when `paced` is given — both pages at their fixed rates together; until
 * `until` says stop.
 */
async function windows(url: string, lua: string, paced: Paced | null, until: (n: number) => Promise<boolean>): Promise<Windows> {
  const out: Windows = { cached: [], uncached: [], fixedCached: [], fixedUncached: [] };
  const kinds = paced ? 3 : 2;
  for (let n = 0; !(await until(n)); n++) {
    const k = n % kinds;
    if (k === 2 && paced) {
      const [c, u] = await Promise.all([
        runWrk(url, { lua: paced.cachedLua, threads: 1, connections: CACHED_CONNS, seconds: WINDOW }),
        runWrk(`${url}?bench=fixed-uncached-${n}`, { lua: paced.uncachedLua, threads: 1, connections: UNCACHED_CONNS, seconds: WINDOW }),
      ]);
      out.fixedCached.push(c);
      out.fixedUncached.push(u);
    } else {
      const uncached = k === 1;
      out[uncached ? 'uncached' : 'cached'].push(await runWrk(uncached ? `${url}?bench=uncached-${n}` : url, { lua, threads: 1, connections: 8, seconds: WINDOW }));
    }
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

    // the reference: the same server with its jobs on and none due; the saturated rates give the
    // pages' own time, which the paced scripts subtract from their gaps
    s = await serve({});
    const warm = { cached: await runWrk(s.url, { lua, threads: 1, connections: 8, seconds: 3 }), uncached: await runWrk(`${s.url}?bench=warm`, { lua, threads: 1, connections: 8, seconds: 3 }) };
    const paced = pacedScripts(dir, { cached: 1000 / warm.cached.rps, uncached: 1000 / warm.uncached.rps });
    const reference = await windows(s.url, lua, paced, async (n) => n >= REFERENCE_WINDOWS * 3);
    await stop(s.server);

    // PGlite is one process's: the server opens it, so the bench watches the clock instead of the table
    const watch = scratch.kind === 'postgres';
    const DELAY = 6;
    /** Makes the health job due again, starts `web` (and `worker` when given) and measures until the run is written. */
    const duringRun = async (webEnv: Record<string, string>, worker: boolean) => {
      database = await scratch.open();
      const runsBefore = Number((await sql<{ n: number }>`select count(*)::int as n from health_runs`.execute(database.db)).rows[0].n);
      await sql`delete from job_runs where name = 'health.check'`.execute(database.db);
      if (!watch) await database.close();
      const booted = performance.now();
      const web = await serve(webEnv);
      const w = worker ? startWorker(serverEnv(await freePort(), dir, { ...scratch.serverEnv, GONGKAI_JOBS_START_DELAY_S: String(DELAY) })) : null;
      if (w) procs.push(w);
      await runWrk(web.url, { lua, threads: 1, connections: 8, seconds: 2 });
      while ((performance.now() - booted) / 1000 < DELAY) await new Promise((r) => setTimeout(r, 100));
      const started = performance.now();
      const finished = async () => Number((await sql<{ n: number }>`select count(*)::int as n from health_runs`.execute(database.db)).rows[0].n) > runsBefore;
      let done = false;
      // the bound is 300 s: windows stop after BENCH_DURING_MAX_S (default 360) even when the run goes on
      const during = await windows(web.url, lua, paced, async (n) => {
        if (n < 3) return false;
        done = watch ? await finished() : n * WINDOW >= aloneSeconds / JOB_SHARE + 2;
        return done || (performance.now() - started) / 1000 > DURING_MAX;
      });
      if (!done) log(`the run had not finished after ${fmt(DURING_MAX)} s: the windows stop`);
      const seconds = (performance.now() - started) / 1000;
      if (watch) await database.close();
      if (w) await stop(w);
      await stop(web.server);
      return { during, seconds, done };
    };
    // the daily job inside the web process (GONGKAI_WORKER=true, the default), while citizens read
    const inWeb = await duringRun({ GONGKAI_JOBS_START_DELAY_S: String(DELAY) }, false);
    // on PostgreSQL: the same job in `gongkai worker` beside a web process without jobs (GONGKAI_WORKER=false)
    const inWorker = watch && env.BENCH_WORKER !== '0' ? await duringRun({ GONGKAI_WORKER: 'false' }, true) : null;

    const pct = (rs: WrkResult[], q: 'p50ms' | 'p95ms' | 'p99ms') => median(rs.map((r) => r[q]));
    const rps = (rs: WrkResult[]) => median(rs.map((r) => r.rps));
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${fmt(x, 0)} %`;
    const rise = (a: WrkResult[], b: WrkResult[]) => signed((pct(b, 'p95ms') / pct(a, 'p95ms') - 1) * 100);
    const three = (rs: WrkResult[]) => `${fmt(pct(rs, 'p50ms'), 2)} / ${fmt(pct(rs, 'p95ms'), 2)} / ${fmt(pct(rs, 'p99ms'), 2)}`;
    const row = (what: string, kind: Kind, d: Windows, goal: string) =>
      `| ${what} | ${three(reference[kind])} | ${three(d[kind])} | **${rise(reference[kind], d[kind])}** | ${fmt(rps(reference[kind]))} → ${fmt(rps(d[kind]))} | ${goal} |`;
    const rows = (where: string, d: Windows) => [
      row(`${where}: cached page, fixed ${fmt(CACHED_RATE)} req/s`, 'fixedCached', d, '≤ +20 %'),
      row(`${where}: uncached page, fixed ${fmt(UNCACHED_RATE)} req/s (at the same time)`, 'fixedUncached', d, '≤ +20 %'),
      row(`${where}: cached page, saturated (8 connections)`, 'cached', d, 'stress figure'),
      row(`${where}: uncached page, saturated (8 connections)`, 'uncached', d, 'stress figure'),
    ];
    const windowsOf = (d: Windows) => d.cached.length + d.uncached.length + d.fixedCached.length;
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, Node ${process.version}, ${scratch.label}, load average before the run ${load}, after it ${loadavg().map((x) => x.toFixed(2)).join(' / ')}.`,
      `${fmt(loaded.documents)} documents (${fmt(seeded.documents)} public) holding ${fmt(alone.stats.internalLinks)} internal links, ${fmt(seeded.broken)} of them broken. Windows of ${WINDOW} s, medians over the windows; the web process on one CPU, wrk on the other.`,
      '',
      '| measure | figure | goal |',
      '|---|---|---|',
      `| whole-cluster check alone (\`gongkai health check\`) | ${fmt(aloneSeconds, 1)} s, ${fmt(found)} broken links found of ${fmt(seeded.broken)} | < 300 s for 100 000 links; every broken link found |`,
      `| the daily job inside the web process (paced to ${JOB_SHARE * 100} % of the process in slices of ${JOB_SLICE_MS} ms), under load | ${!inWeb.done ? 'not finished after ' : watch ? '≈ ' : 'windows for '}${fmt(inWeb.seconds, 0)} s (${windowsOf(inWeb.during)} windows) | < 300 s |`,
      ...(inWorker ? [`| the same job in \`gongkai worker\` (web with GONGKAI_WORKER=false), under load | ${inWorker.done ? '≈' : 'not finished after'} ${fmt(inWorker.seconds, 0)} s (${windowsOf(inWorker.during)} windows) | < 300 s |`] : []),
      '',
      '| document page, load | p50 / p95 / p99 ms, portal alone | p50 / p95 / p99 ms, during the check | p95 change | req/s, alone → during | goal |',
      '|---|---|---|---|---|---|',
      ...rows('job in the web process', inWeb.during),
      ...(inWorker ? rows('job in `gongkai worker`', inWorker.during) : []),
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
