/**
 * `npm run bench:portal` — the public portal against nginx serving the same HTML as static files.
 *
 *   1. a scratch database: PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres;
 *      a database gongkai_bench_<pid> is created and dropped), or PGlite (BENCH_DB=pglite, or when
 *      PostgreSQL is not reachable), migrated, with the demo units and BENCH_DOCS synthetic documents
 *      (default 20 000; BENCH_DOCS=1000000 for the full run);
 *   2. gongkai itself, started as `npm start` does (bin/serve.js: the compiled dist/ with package.json's node
 *      options; BENCH_FROM=src runs src/main.ts through tsx instead), NODE_ENV=production, LOG_LEVEL=warn,
 *      no jobs, on a free port;
 *   3. one document page and one column list page fetched once (they are now in the page cache) and
 *      saved as static files for nginx (one worker, its own config in a temp dir, on a free port);
 *   4. wrk (1 thread — the server gets the other core) against each, alternating nginx and gongkai for
 *      BENCH_ROUNDS rounds of BENCH_SECONDS seconds; medians of requests/s and p95 latency, and the ratio;
 *   5. also the uncached path of both pages and of the busiest 专题 page (a query string the cache
 *      refuses, so every request renders from the DB) at BENCH_UNCACHED_CONNECTIONS (default 8,64) connections, with the
 *      server's CPU time per request;
 *   6. the results and the machine go into docs/benchmarks.md (the portal section), unless BENCH_WRITE=0.
 *
 * BENCH_ONLY=uncached skips nginx and the cached rounds (its own block in docs/benchmarks.md, per
 * database kind). BENCH_PROFILE=1 runs the server with `node --cpu-prof` and prints the profile's
 * top functions and packages by self time (bench/profile.ts), and the call stacks that lead to the functions
 * named in BENCH_PROFILE_CALLERS (default openFileHandle,close) — findings go to docs/perf-notes.md.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../src/core/db/index.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { loadCorpus, loadUnits } from './load.ts';
import { callersOf, summarizeProfiles } from './profile.ts';
import { freePort, headersToAdd, median, pinning, runWrk, startNginx, version, waitFor, writeLua, type WrkResult } from './wrk.ts';
import { cpuSeconds, ROOT, scratchDatabase, serverEnv, startServer, type Scratch } from './server.ts';

const env = process.env;
const DOCS = Number(env.BENCH_DOCS ?? 20_000);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 64);
const WRITE = env.BENCH_WRITE !== '0';
const ONLY_UNCACHED = env.BENCH_ONLY === 'uncached';
const PROFILE = env.BENCH_PROFILE === '1';
/** the server as operators run it (`npm start`: the compiled dist/, its node options); BENCH_FROM=src runs src/ through tsx */
const FROM_DIST = env.BENCH_FROM !== 'src';
const UNCACHED_CONNECTIONS = (env.BENCH_UNCACHED_CONNECTIONS ?? '8,64').split(',').map(Number).filter((n) => n > 0);
const log = (s: string) => console.log(`[bench] ${s}`);

interface Target {
  name: string;
  path: string;
  file: string;
  bytes: number;
}

interface UncachedRow {
  target: string;
  connections: number;
  r: WrkResult;
  cpuMs: number | null;
}

interface Row {
  target: string;
  bytes: number;
  nginx: WrkResult[];
  /** nginx sending the headers of gongkai's hit as well (the same response, header for header) */
  same: WrkResult[];
  node: WrkResult[];
  /** nginx in front of gongkai as docs/nginx-static.conf sets it up: the page from gongkai's static publication */
  front: WrkResult[];
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  const procs: ChildProcess[] = [];
  let scratch: Scratch | null = null;
  const cleanup = async () => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await scratch?.drop().catch((e) => console.error('could not drop the scratch database:', e));
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const loadAvgBefore = loadavg();
    scratch = await scratchDatabase(dir, `gongkai_bench_${process.pid}`);
    log(`database: ${scratch.kind}; documents: ${fmt(DOCS)}`);
    let database = await scratch.open();
    await migrateToLatest(database.db);
    const units = await loadUnits(database.db);
    const loaded = await loadCorpus(database.db, units, DOCS, { onProgress: (n) => { if (n % 100_000 < 2000) log(`loaded ${fmt(n)}`); } });
    log(`loaded ${fmt(loaded.documents)} documents (${fmt(loaded.published)} public) in ${fmt(loaded.seconds, 1)} s (${fmt(loaded.documents / loaded.seconds)}/s)`);
    const dbVersion = (await sql<{ v: string }>`select version() as v`.execute(database.db)).rows[0].v.split(' on ')[0];
    // a policy with an interpretation (the richest page) and the busiest statutory column of its unit
    const doc = (await sql<{ id: number; slug: string }>`
      select d.id, u.slug from documents d join units u on u.id = d.unit_id
      where d.status = 'published' and d.disclosure = 'proactive' and exists (select 1 from documents i where i.interprets_id = d.id and i.status = 'published')
      order by d.id limit 1`.execute(database.db)).rows[0];
    const col = (await sql<{ slug: string; unit_slug: string; n: number }>`
      select c.slug, u.slug as unit_slug, count(*)::int as n from document_columns dc join doc_columns c on c.id = dc.column_id join units u on u.id = c.unit_id
      join doc_columns p on p.id = c.parent_id and p.slug = 'statutory' where c.enabled
      group by c.slug, u.slug order by n desc limit 1`.execute(database.db)).rows[0];
    // the busiest 专题 (a topic page lists its sections' documents, each once)
    const topic = (await sql<{ key: string; n: number }>`
      select p.key, count(distinct dt.document_id)::int as n from doc_topics p join doc_topics s on s.key = p.key or s.key like p.key || '/%'
      join document_topics dt on dt.topic_id = s.id where p.parent_id is null and p.active
      group by p.key order by n desc limit 1`.execute(database.db)).rows[0];
    await database.close();
    database = null as unknown as Database;

    const port = await freePort();
    // static publication on (GONGKAI_STATIC_DIR): the pages it caches are also files for the nginx in front
    const staticDir = join(dir, 'static');
    const server = startServer({ ...serverEnv(port, dir, scratch.serverEnv), GONGKAI_STATIC_DIR: staticDir }, { pin: true, asNpmStart: FROM_DIST, ...(PROFILE ? { cpuProfDir: join(dir, 'prof') } : {}) });
    procs.push(server);
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(`${origin}/readyz`, 120_000);
    const targets: Target[] = [
      { name: 'document page', path: `/u/${doc.slug}/doc/${doc.id}`, file: 'doc.html', bytes: 0 },
      { name: `column list (${fmt(col.n)} documents, page 1)`, path: `/u/${col.unit_slug}/xxgk/fdzdgknr/${col.slug}`, file: 'list.html', bytes: 0 },
    ];
    mkdirSync(join(dir, 'www'), { recursive: true });
    let hitHeaders: [string, string][] = [];
    for (const t of targets) {
      const r = await fetch(origin + t.path);
      if (r.status !== 200) throw new Error(`${t.path} answered ${r.status}`);
      const body = Buffer.from(await r.arrayBuffer());
      writeFileSync(join(dir, 'www', t.file), body);
      t.bytes = body.length;
      // the second request is the cache hit: the header set the reference nginx gets too
      if (!hitHeaders.length) {
        const pairs: [string, string][] = [];
        (await fetch(origin + t.path, { headers: { 'accept-encoding': 'identity' } })).headers.forEach((value, name) => pairs.push([name, value]));
        hitHeaders = headersToAdd(pairs);
      }
      log(`${t.name}: ${t.path} (${fmt(body.length)} bytes)`);
    }
    const lua = writeLua(dir);
    const wrk = (url: string, seconds = SECONDS) => runWrk(url, { lua, threads: 1, connections: CONNECTIONS, seconds });
    const rows: Row[] = targets.map((t) => ({ target: t.name, bytes: t.bytes, nginx: [], same: [], node: [], front: [] }));
    if (!ONLY_UNCACHED) {
    const nport = await freePort();
    const sport = await freePort();
    const fport = await freePort();
    procs.push(await startNginx(dir, nport, { sameHeaders: { port: sport, headers: hitHeaders }, front: { port: fport, staticDir, upstream: `127.0.0.1:${port}` } }));
    const norigin = `http://127.0.0.1:${nport}`;
    const sorigin = `http://127.0.0.1:${sport}`;
    const forigin = `http://127.0.0.1:${fport}`;
    await waitFor(`${norigin}/doc.html`);
    await waitFor(`${sorigin}/doc.html`);
    for (const t of targets) {
      // the front must answer from the published file (nginx's static module adds Accept-Ranges; a proxied page has none)
      const r = await fetch(forigin + t.path, { headers: { 'accept-encoding': 'identity' } });
      const body = Buffer.from(await r.arrayBuffer());
      if (r.status !== 200 || r.headers.get('accept-ranges') !== 'bytes' || !body.equals(readFileSync(join(dir, 'www', t.file)))) throw new Error(`static publication: ${t.path} was not answered from its file (${r.status})`);
      for (const [name] of hitHeaders) if (!r.headers.has(name)) throw new Error(`static publication: ${t.path} lacks ${name}`);
    }
    log(`nginx with gongkai's headers adds ${hitHeaders.length}: ${hitHeaders.map(([n]) => n).join(', ')}`);
    // warm-up: JIT, connection pools, page cache
    for (const t of targets) {
      await wrk(origin + t.path, 2);
      await wrk(`${norigin}/${t.file}`, 2);
      await wrk(`${sorigin}/${t.file}`, 2);
      await wrk(forigin + t.path, 2);
    }
    const servers = ['nginx', 'same', 'node', 'front'] as const;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, t] of targets.entries()) {
        // rotate which goes first, so drift in the machine's load hits all alike
        const k = (round + i) % servers.length;
        for (const who of [...servers.slice(k), ...servers.slice(0, k)]) {
          const r = await wrk(who === 'node' ? origin + t.path : who === 'front' ? forigin + t.path : `${who === 'nginx' ? norigin : sorigin}/${t.file}`);
          rows[i][who].push(r);
          log(`round ${round + 1} ${t.name} ${who === 'same' ? 'nginx with gongkai\'s headers' : who === 'front' ? 'static publication' : who}: ${fmt(r.rps)} req/s, p95 ${fmt(r.p95ms, 2)} ms${r.errors ? `, ${r.errors} errors` : ''}`);
        }
      }
    }
    }
    // the render path: a query string the cache does not store, so each request reads the DB and renders
    const uncached: UncachedRow[] = [];
    const useconds = Math.max(5, Math.round(SECONDS / 2));
    // and a 专题 page, uncached only (it is cached and published as the other two are)
    const uncachedTargets = topic ? [...targets, { name: `topic page (${fmt(topic.n)} documents, page 1)`, path: `/topics/${topic.key}`, file: '', bytes: 0 }] : targets;
    for (const t of uncachedTargets) {
      await runWrk(`${origin}${t.path}?bench=uncached`, { lua, threads: 1, connections: 8, seconds: 2 }); // warm-up
      for (const connections of UNCACHED_CONNECTIONS) {
        const cpu0 = cpuSeconds(server.pid);
        const r = await runWrk(`${origin}${t.path}?bench=uncached`, { lua, threads: 1, connections, seconds: useconds });
        const cpu1 = cpuSeconds(server.pid);
        const cpuMs = cpu0 !== null && cpu1 !== null && r.requests ? ((cpu1 - cpu0) * 1000) / r.requests : null;
        uncached.push({ target: t.name, connections, r, cpuMs });
        log(`uncached ${t.name}, ${connections} connections: ${fmt(r.rps)} req/s, p95 ${fmt(r.p95ms, 2)} ms${cpuMs !== null ? `, ${fmt(cpuMs, 2)} ms of server CPU a request` : ''}${r.errors ? `, ${r.errors} errors` : ''}`);
      }
    }
    if (PROFILE) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      const sum = summarizeProfiles(join(dir, 'prof'), ROOT);
      if (sum) {
        log(`CPU profile: ${fmt(sum.totalMs)} ms of samples (idle excluded); top functions by self time:`);
        for (const f of sum.functions) console.log(`  ${fmt(f.pct, 1).padStart(5)} %  ${f.name}`);
        log('by package / file:');
        for (const f of sum.files) console.log(`  ${fmt(f.pct, 1).padStart(5)} %  ${f.file}`);
      }
      const names = (env.BENCH_PROFILE_CALLERS ?? 'openFileHandle,close').split(',').filter(Boolean);
      for (const c of callersOf(join(dir, 'prof'), ROOT, names)) {
        log(`who calls ${c.name}:`);
        for (const s of c.stacks) console.log(`  ${fmt(s.ms, 1)} ms\n    ${s.frames.join('\n    ')}`);
      }
    }

    const machine = {
      date: new Date().toISOString().slice(0, 10),
      nproc: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memGb: totalmem() / 1024 ** 3,
      node: process.version,
      server: FROM_DIST ? 'started as `npm start` (dist/)' : 'src/ through tsx (BENCH_FROM=src)',
      nginx: version('nginx', ['-v']).replace(/^nginx version: nginx\//, ''),
      wrk: version('wrk', ['-v']).split(' [')[0],
      db: scratch.kind === 'postgres' ? dbVersion : `PGlite 0.5.17 (${dbVersion})`,
      load: loadAvgBefore.map((x) => x.toFixed(2)).join(' / '),
      loadAfter: loadavg().map((x) => x.toFixed(2)).join(' / '),
      sameHeaders: hitHeaders.length,
    };
    const report = renderReport(rows, uncached, machine, loaded);
    console.log('\n' + report);
    if (WRITE) writeSection(report, ONLY_UNCACHED ? `${DOCS}:uncached-${scratch.kind}` : String(DOCS), ONLY_UNCACHED ? `${fmt(DOCS)} documents, pages that miss the cache (${scratch.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'})` : `${fmt(DOCS)} documents`);
  } finally {
    await cleanup();
  }
}

function renderReport(rows: Row[], uncached: UncachedRow[], m: Record<string, string | number>, loaded: { documents: number; published: number; seconds: number }): string {
  const uncachedLines = [
    `Uncached (a query string the cache refuses: every request reads the database and renders; goal ≥ 1,000 req/s on PostgreSQL, ≥ 400 on PGlite, p95 ≤ 50 ms):`,
    '',
    '| page | connections | req/s | p95 | gongkai CPU a request |',
    '|---|---:|---:|---:|---:|',
    ...uncached.map((u) => `| ${u.target} | ${u.connections} | ${fmt(u.r.rps)} | ${fmt(u.r.p95ms, 2)} ms | ${u.cpuMs !== null ? `${fmt(u.cpuMs, 2)} ms` : '—'} |`),
  ];
  if (ONLY_UNCACHED) {
    return [
      `Run of ${m.date}: \`BENCH_ONLY=uncached BENCH_DOCS=${DOCS} npm run bench:portal\` — ${fmt(loaded.documents)} documents (${fmt(loaded.published)} public) on ${m.db}.`,
      `Machine: ${m.nproc} CPUs (${m.cpu}), Node.js ${m.node}, gongkai ${m.server}, ${m.wrk}, ${pinning}; load average before the run ${m.load}, after ${m.loadAfter}.`,
      '',
      ...uncachedLines,
    ].join('\n');
  }
  const lines = [
    `Run of ${m.date}: \`BENCH_DOCS=${DOCS} npm run bench:portal\` — ${fmt(loaded.documents)} documents (${fmt(loaded.published)} public) on ${m.db}, loaded in ${fmt(loaded.seconds, 1)} s.`,
    `Machine: ${m.nproc} CPUs (${m.cpu}), ${fmt(Number(m.memGb), 1)} GB memory, Node.js ${m.node}, gongkai ${m.server}, nginx ${m.nginx}, ${m.wrk}; load average before the run ${m.load}, after ${m.loadAfter}.`,
    `wrk: 1 thread, ${CONNECTIONS} connections, ${ROUNDS} rotating rounds of ${SECONDS} s per server, ${pinning}; medians shown. nginx: 1 worker, sendfile, the same HTML as static files — once with its own headers, once also sending the ${m.sameHeaders} headers of gongkai's cache hit (\`add_header\`: CSP, HSTS, cache and language headers…), so that both send the same response.`,
    '',
    '| page | bytes | nginx req/s | nginx p95 | nginx, gongkai\'s headers | gongkai req/s | gongkai p95 | gongkai / nginx | gongkai / nginx with the same headers |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const n = median(r.nginx.map((x) => x.rps));
      const sh = median(r.same.map((x) => x.rps));
      const g = median(r.node.map((x) => x.rps));
      return `| ${r.target} | ${fmt(r.bytes)} | ${fmt(n)} | ${fmt(median(r.nginx.map((x) => x.p95ms)), 2)} ms | ${fmt(sh)} | ${fmt(g)} | ${fmt(median(r.node.map((x) => x.p95ms)), 2)} ms | **${fmt((100 * g) / n)} %** | **${fmt((100 * g) / sh)} %** |`;
    }),
    '',
    `Static publication (\`GONGKAI_STATIC_DIR\`, nginx in front configured by docs/nginx-static.conf): the same pages answered by nginx from the files gongkai published, each checked before the rounds to come from its file, byte for byte, with every header of gongkai's hit.`,
    '',
    '| page | static publication req/s | p95 | / nginx | / nginx with the same headers |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const n = median(r.nginx.map((x) => x.rps));
      const sh = median(r.same.map((x) => x.rps));
      const f = median(r.front.map((x) => x.rps));
      return `| ${r.target} | ${fmt(f)} | ${fmt(median(r.front.map((x) => x.p95ms)), 2)} ms | **${fmt((100 * f) / n)} %** | **${fmt((100 * f) / sh)} %** |`;
    }),
    '',
    ...uncachedLines,
    '',
    `Per-round figures: ${rows.map((r) => `${r.target}: nginx ${r.nginx.map((x) => fmt(x.rps)).join(', ')}; nginx with gongkai's headers ${r.same.map((x) => fmt(x.rps)).join(', ')}; gongkai ${r.node.map((x) => fmt(x.rps)).join(', ')}; static publication ${r.front.map((x) => fmt(x.rps)).join(', ')}`).join(' — ')}.`,
  ];
  return lines.join('\n');
}

/** Replaces this corpus size's block of the portal section in docs/benchmarks.md (adding it the first time). */
function writeSection(report: string, id: string, heading: string) {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const start = `<!-- portal-bench:${id}:start -->`;
  const end = `<!-- portal-bench:${id}:end -->`;
  const block = `${start}\n${report}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  else if (text.includes('<!-- portal-bench:runs -->')) text = text.replace('<!-- portal-bench:runs -->', `<!-- portal-bench:runs -->\n\n### ${heading}\n\n${block}`);
  else text = `${text.trimEnd()}\n\n## Public portal (\`npm run bench:portal\`)\n\n<!-- portal-bench:runs -->\n\n### ${heading}\n\n${block}\n`;
  writeFileSync(file, text);
  log(`wrote ${file}`);
}

await main();
