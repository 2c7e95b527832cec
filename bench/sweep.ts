/**
 * Every public page kind, uncached, on a large corpus (issue #15: "public pages and search must
 * stay fast on a million documents"). bench/portal.ts measures three page kinds under load; this
 * script asks the other question — is any public URL slow on its own because it reads the whole
 * site? — by timing a list of URLs one request at a time (no concurrency, so the figure is the
 * page's own latency), each with a query string the page cache refuses, and flags those over
 * SWEEP_SLOW_MS (50). Feeds, the sitemap, 专题, deep pages, search and the JSON API included.
 *
 *   BENCH_DOCS=300000 npm run bench:sweep           # scratch PostgreSQL database, dropped after
 *   SWEEP_DATABASE_URL=postgres://…/db npm run bench:sweep   # an already loaded database, kept
 *
 * Knobs: BENCH_DOCS (20 000), SWEEP_N (15 timed requests per URL after 2 warm-ups),
 * SWEEP_SLOW_MS (50), BENCH_DB=pglite, BENCH_WRITE=0 (do not rewrite docs/benchmarks.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/core/db/index.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { loadCorpus, loadUnits } from './load.ts';
import { freePort, median, waitFor } from './wrk.ts';
import { scratchDatabase, serverEnv, startServer, stopServer } from './server.ts';
import { loadavg, cpus } from 'node:os';
import { writeBenchBlock } from './doc-block.ts';

const env = process.env;
const DOCS = Number(env.BENCH_DOCS ?? 20_000);
const N = Number(env.SWEEP_N ?? 15);
const SLOW = Number(env.SWEEP_SLOW_MS ?? 50);
const INTRO = `Is any public URL slow on its own on a large site? bench/sweep.ts times each public page kind one request at a time,
uncached (home, indexes, column lists and deep pages, documents, 专题 and their feeds, site feeds, the sitemap, search,
the JSON API with each filter) and marks those over ${SLOW} ms at p95. bench:portal measures throughput under load; this
finds the pages that read the whole site.`;
const log = (s: string) => console.log(`[sweep] ${s}`);

export interface Probe { kind: string; url: string }
export interface Timed extends Probe { status: number; bytes: number; p50: number; p95: number }

/** The URLs to time, found in the database: the busiest unit, column, 专题 and section, a policy with a 解读. */
async function probes(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<Probe[]> {
  const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows[0] as T;
  const unit = await one(sql<{ slug: string; code: string }>`select u.slug, u.code from units u join documents d on d.unit_id = u.id group by u.id order by count(*) desc limit 1`);
  const col = await one(sql<{ path: string; n: number }>`
    select '/u/' || u.slug || '/xxgk/fdzdgknr/' || c.slug as path, count(*)::int as n from document_columns dc join doc_columns c on c.id = dc.column_id
    join units u on u.id = c.unit_id join doc_columns p on p.id = c.parent_id and p.slug = 'statutory' where c.enabled
    group by c.slug, u.slug order by count(*) desc limit 1`);
  const doc = await one(sql<{ id: number; slug: string }>`
    select d.id, u.slug from documents d join units u on u.id = d.unit_id where d.status = 'published' and d.disclosure = 'proactive'
    and exists (select 1 from documents i where i.interprets_id = d.id and i.status = 'published') order by d.id desc limit 1`);
  const topic = await one(sql<{ slug: string; key: string; section: string | null }>`
    select t.slug, t.key, (select s.slug from doc_topics s where s.parent_id = t.id order by s.id limit 1) as section
    from doc_topics t join document_topics dt on dt.topic_id = t.id or dt.topic_id in (select id from doc_topics where parent_id = t.id)
    where t.parent_id is null group by t.id order by count(*) desc limit 1`);
  const deep = Math.max(2, Math.floor(col.n / 20 / 2));
  const u = `/u/${unit.slug}`;
  const t = `/topics/${topic.slug}`;
  return [
    { kind: 'home', url: '/' }, { kind: 'city disclosure index', url: '/xxgk/' }, { kind: 'unit home', url: `${u}/` },
    { kind: 'unit disclosure index', url: `${u}/xxgk/` }, { kind: 'statutory catalog', url: `${u}/xxgk/fdzdgknr` },
    { kind: 'column list, page 1', url: col.path }, { kind: `column list, page ${deep}`, url: `${col.path}?page=${deep}` },
    { kind: 'document page', url: `/u/${doc.slug}/doc/${doc.id}` }, { kind: 'document, print', url: `/u/${doc.slug}/doc/${doc.id}?print=1` },
    { kind: 'latest', url: '/latest' }, { kind: 'latest, page 50', url: '/latest?page=50' }, { kind: 'interpretations', url: '/interpretations' },
    { kind: 'unit interpretations', url: `${u}/xxgk/zcjd` },
    { kind: '专题 index', url: '/topics/' }, { kind: '专题', url: t }, { kind: '专题, page 30', url: `${t}?page=30` },
    ...(topic.section ? [{ kind: '专题 section', url: `${t}/${topic.section}` }] : []), { kind: '专题 timeline', url: `${t}/timeline` },
    { kind: 'site RSS', url: '/feed.xml' }, { kind: 'site Atom', url: '/atom.xml' }, { kind: 'unit RSS', url: `${u}/feed.xml` },
    { kind: 'column RSS', url: `${col.path}/feed.xml` }, { kind: '专题 RSS', url: `${t}/feed.xml` }, { kind: '专题 Atom', url: `${t}/atom.xml` },
    { kind: 'sitemap.xml', url: '/sitemap.xml' }, { kind: 'sitemap page', url: '/sitemap' },
    { kind: 'search, common word', url: '/search?q=%E9%80%9A%E7%9F%A5' }, { kind: 'search, two words', url: '/search?q=%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7+%E6%B2%BB%E7%90%86' },
    { kind: 'search, by date', url: '/search?q=%E9%80%9A%E7%9F%A5&sort=date' }, { kind: 'search, in a unit', url: `/search?q=%E9%80%9A%E7%9F%A5&unit=${unit.slug}` },
    { kind: 'search, page 20', url: '/search?q=%E9%80%9A%E7%9F%A5&page=20' },
    { kind: 'API documents', url: '/api/v1/documents' }, { kind: 'API documents, unit', url: `/api/v1/documents?unit=${unit.code}` },
    { kind: 'API documents, subtree', url: `/api/v1/documents?unit=${unit.code}&subtree=true` },
    { kind: 'API documents, 专题', url: `/api/v1/documents?topic=${encodeURIComponent(topic.key)}` },
    { kind: 'API documents, type', url: '/api/v1/documents?type=notice' }, { kind: 'API documents, 2020', url: '/api/v1/documents?published_from=2020-01-01&published_to=2020-12-31' },
    { kind: 'API search', url: '/api/v1/search?q=%E9%80%9A%E7%9F%A5' }, { kind: 'API topics', url: '/api/v1/topics' }, { kind: 'API units', url: '/api/v1/units' },
  ];
}

/** When /sitemap.xml is an index (a large site), its first and last parts. */
async function sitemapParts(origin: string): Promise<Probe[]> {
  const xml = await (await fetch(`${origin}/sitemap.xml`)).text();
  const parts = [...xml.matchAll(/<loc>[^<]*(\/sitemap-\d+\.xml)<\/loc>/g)].map((m) => m[1]);
  if (!parts.length) return [];
  return [{ kind: 'sitemap part 1', url: parts[0] }, ...(parts.length > 1 ? [{ kind: `sitemap part ${parts.length} (last)`, url: parts[parts.length - 1] }] : [])];
}

/** Times `p` N times (after 2 warm-ups); pages get `sweep=<i>` so the page cache refuses them. */
async function time(origin: string, p: Probe): Promise<Timed> {
  const bust = (i: number) => (p.url.startsWith('/api/') ? p.url : `${p.url}${p.url.includes('?') ? '&' : '?'}sweep=${i}`);
  const ms: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < N + 2; i++) {
    const t0 = performance.now();
    const r = await fetch(origin + bust(i), { headers: { 'x-forwarded-for': `10.9.${i}.1` }, redirect: 'manual' });
    const body = await r.arrayBuffer();
    if (i >= 2) ms.push(performance.now() - t0);
    status = r.status;
    bytes = body.byteLength;
  }
  ms.sort((a, b) => a - b);
  return { ...p, status, bytes, p50: median(ms), p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)] };
}

/** The results as a docs/benchmarks.md block, one per database kind and corpus size. */
function report(o: { docs: number; label: string; load: string; results: Timed[] }): string {
  const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 1 });
  const rows = o.results.map((r) => `| ${r.kind} | \`${r.url.replace(/\|/g, '%7C')}\` | ${r.status} | ${fmt(r.bytes)} | ${fmt(r.p50)} ms | ${r.p95 > SLOW ? `**${fmt(r.p95)} ms**` : `${fmt(r.p95)} ms`} |`);
  const slow = o.results.filter((r) => r.p95 > SLOW);
  return [
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: \`BENCH_DOCS=${o.docs} npm run bench:sweep\` — ${fmt(o.docs)} documents on ${o.label}; ${cpus().length} CPUs, Node.js ${process.version}, gongkai as \`npm start\`; load average before ${o.load}, after ${loadavg().map((x) => x.toFixed(2)).join(' / ')}.`,
    `One request at a time, ${N} timed after 2 warm-ups, each with a query string the page cache refuses (the API is not cached). Over ${SLOW} ms at p95 in bold: ${slow.length ? slow.map((r) => r.kind).join(', ') : 'none'}.`,
    '',
    '| page | URL | status | bytes | p50 | p95 |',
    '|---|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

const load = loadavg().map((x) => x.toFixed(2)).join(' / ');
const dir = mkdtempSync(join(tmpdir(), 'gongkai-sweep-'));
let drop = async () => {};
let server: ReturnType<typeof startServer> | null = null;
try {
  let dbEnv: Record<string, string>;
  let label = 'PostgreSQL';
  if (env.SWEEP_DATABASE_URL) dbEnv = { DATABASE_URL: env.SWEEP_DATABASE_URL };
  else {
    const scratch = await scratchDatabase(dir, `gongkai_sweep_${process.pid}`);
    drop = scratch.drop;
    dbEnv = scratch.serverEnv;
    label = scratch.label;
    const database = await scratch.open();
    await migrateToLatest(database.db);
    const units = await loadUnits(database.db);
    const loaded = await loadCorpus(database.db, units, DOCS, { onProgress: (n) => { if (n % 100_000 < 2000) log(`loaded ${n}`); } });
    log(`${loaded.documents} documents in ${loaded.seconds.toFixed(1)} s`);
    await database.close();
  }
  const database = await openDatabase({ databaseUrl: dbEnv.DATABASE_URL ?? null, dataDir: dbEnv.GONGKAI_DATA_DIR });
  const list = await probes(database.db);
  const docs = Number((await sql<{ n: string }>`select count(*) as n from documents`.execute(database.db)).rows[0].n);
  await database.close();
  const port = await freePort();
  server = startServer({ ...serverEnv(port, dir, dbEnv), TRUST_PROXY: '1' }, { asNpmStart: true });
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => server!.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`))));
  await Promise.race([waitFor(`${origin}/readyz`, 180_000), exited]);
  list.push(...(await sitemapParts(origin)));
  const results: Timed[] = [];
  for (const p of list) {
    const r = await time(origin, p);
    results.push(r);
    log(`${r.status} ${r.p50.toFixed(1).padStart(7)} ms p50 ${r.p95.toFixed(1).padStart(7)} ms p95 ${r.p95 > SLOW ? 'SLOW ' : ''}${r.kind}  ${r.url}`);
  }
  const file = writeBenchBlock({ name: 'sweep-bench', tag: `${docs}:${label === 'PGlite' ? 'pglite' : 'pg'}`, heading: 'Every public page kind, uncached (`npm run bench:sweep`)', intro: INTRO, report: report({ docs, label, load, results }) });
  if (file) log(`wrote ${file}`);
  const bad = results.filter((r) => r.status >= 400);
  if (bad.length) throw new Error(`answered with an error: ${bad.map((r) => `${r.status} ${r.url}`).join(', ')}`);
} finally {
  if (server) await stopServer(server);
  await drop();
  rmSync(dir, { recursive: true, force: true });
}
