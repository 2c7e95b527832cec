/**
 * `npx tsx bench/http-ceiling.ts` (by hand, not part of `npm run bench`) — how fast can Node.js's
 * own HTTP stack answer a cached page at all? Three (four) servers answer the same bytes with the
 * same header list, pinned like bench/portal.ts (server on the last CPU, wrk on CPU 0):
 *
 *   nginx    — one worker, sendfile, the page as a static file (the reference);
 *   gongkai  — started as `npm start` (dist/; BENCH_FROM=src: src/ through tsx), production, the page in its cache: the raw hit path
 *              (documents/http/portal-routes.tsx `installFastPath`, documents/cache/hit.ts `serveRaw`);
 *   bare     — a bare `node:http` server (run with npm start's node options), `res.writeHead(200, flatHeaders)` + `res.end(body)`,
 *              the header list gongkai sent (minus Date/Connection/Keep-Alive, which Node adds);
 *   bare, short headers — the same, with a header list as short as nginx's (content-type,
 *              last-modified, etag, accept-ranges, content-length): what gongkai's 19 headers cost;
 *   nginx, gongkai's headers — the same file also sending the headers of gongkai's hit (`add_header`):
 *              the same response as gongkai's, header for header;
 *   nginx, static publication — nginx in front of gongkai as docs/nginx-static.conf sets it up, sending
 *              the file gongkai published for the page (GONGKAI_STATIC_DIR) with gongkai's headers;
 *   net      — (BENCH_NET=1) a `node:net` server writing one precomputed head+body buffer per request
 *              (no HTTP parser, no ServerResponse: not a real server, only the floor of libuv + V8).
 *
 * bare / nginx is the ceiling for anything built on `node:http`; gongkai / bare is what our code costs.
 * A small corpus (BENCH_DOCS, default 2,000) is enough: the page bytes are what matters.
 * Env as bench/portal.ts: BENCH_DATABASE_URL / BENCH_DB=pglite, BENCH_SECONDS (10), BENCH_ROUNDS (3),
 * BENCH_CONNECTIONS (64). BENCH_PROFILE=1 runs gongkai under `node --cpu-prof` and prints the top of the
 * profile (bench/profile.ts) after the rounds; BENCH_PROFILE_DIR=<dir> keeps the .cpuprofile there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { loadCorpus, loadUnits } from './load.ts';
import { summarizeProfiles } from './profile.ts';
import { cpuSeconds, npmStartNodeOptions, npmStartScript, ROOT, scratchDatabase, serverEnv, startServer, stopServer, type Scratch } from './server.ts';
import { freePort, headersToAdd, median, pinned, pinning, runWrk, SERVER_CPU, startNginx, waitFor, writeLua, type WrkResult } from './wrk.ts';

const env = process.env;
const DOCS = Number(env.BENCH_DOCS ?? 2000);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 64);
const log = (s: string) => console.log(`[ceiling] ${s}`);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Headers Node.js (or nginx) write per response themselves. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** The page as gongkai answers it: body and raw header list in wire order. */
/** [name, value] pairs of a flat header list. */
function pairsOf(flat: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

function fetchRaw(url: string): Promise<{ status: number; body: Buffer; headers: string[] }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.rawHeaders }));
    }).on('error', reject).end();
  });
}

/** The bare servers, as a plain .mjs file run by `node` (no tsx, nothing else loaded). */
const BARE = `import { createServer } from 'node:http';
import { createServer as netServer } from 'node:net';
import { readFileSync } from 'node:fs';
const [kind, port, bodyFile, headersFile] = process.argv.slice(2);
const body = readFileSync(bodyFile);
let headers = JSON.parse(readFileSync(headersFile, 'utf8'));
if (kind === 'short') {
  const keep = new Set(['content-type', 'last-modified', 'etag', 'content-length']);
  headers = headers.filter((_, i) => i % 2 === 0 && keep.has(headers[i].toLowerCase())).flatMap((name) => [name, headers[headers.indexOf(name) + 1]]);
  headers.push('accept-ranges', 'bytes');
}
if (kind === 'bare' || kind === 'short') {
  createServer((req, res) => {
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }).listen(Number(port), '127.0.0.1');
} else {
  let head = 'HTTP/1.1 200 OK\\r\\n';
  for (let i = 0; i < headers.length; i += 2) head += headers[i] + ': ' + headers[i + 1] + '\\r\\n';
  const date = () => 'Date: ' + new Date().toUTCString() + '\\r\\n\\r\\n';
  let when = 0, reply = null;
  const response = () => {
    const now = Date.now();
    if (!reply || now - when > 1000) { when = now; reply = Buffer.concat([Buffer.from(head + date()), body]); }
    return reply;
  };
  netServer((sock) => {
    sock.setNoDelay(true);
    let pending = '';
    sock.on('data', (d) => {
      pending += d.toString('latin1');
      let i;
      while ((i = pending.indexOf('\\r\\n\\r\\n')) >= 0) { pending = pending.slice(i + 4); sock.write(response()); }
    });
    sock.on('error', () => {});
  }).listen(Number(port), '127.0.0.1');
}
`;

/** The process doing the work: nginx's one worker (the master's child), else the process itself. */
function workerPid(pid: number | undefined): number | undefined {
  const f = `/proc/${pid}/task/${pid}/children`;
  const kids = existsSync(f) ? readFileSync(f, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [];
  return kids.length ? kids[0] : pid;
}

/** CPU seconds per thread (`name/tid`) of a process (/proc/<pid>/task/*), to see which threads a request costs. */
function threadCpu(pid: number | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const dir = `/proc/${pid}/task`;
  if (!pid || !existsSync(dir)) return out;
  for (const tid of readdirSync(dir)) {
    try {
      const f = readFileSync(`${dir}/${tid}/stat`, 'utf8');
      const name = f.slice(f.indexOf('(') + 1, f.lastIndexOf(')'));
      const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
      out.set(`${name}/${tid}`, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the thread ended
    }
  }
  return out;
}

function startBare(kind: 'bare' | 'short' | 'net', dir: string, port: number): ChildProcess {
  // with npm start's node options, as gongkai runs: like for like
  const [cmd, args] = pinned(SERVER_CPU, process.execPath, [...npmStartNodeOptions(), join(dir, 'bare.mjs'), kind, String(port), join(dir, 'www', 'doc.html'), join(dir, 'headers.json')]);
  const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...npmStartScript().env, ...process.env } });
  return p;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-ceiling-'));
  const procs: ChildProcess[] = [];
  let scratch: Scratch | null = null;
  try {
    const loadBefore = loadavg();
    scratch = await scratchDatabase(dir, `gongkai_ceiling_${process.pid}`);
    const database = await scratch.open();
    await migrateToLatest(database.db);
    const units = await loadUnits(database.db);
    await loadCorpus(database.db, units, DOCS, {});
    const doc = (await sql<{ id: number; slug: string }>`
      select d.id, u.slug from documents d join units u on u.id = d.unit_id
      where d.status = 'published' and d.disclosure = 'proactive' and exists (select 1 from documents i where i.interprets_id = d.id and i.status = 'published')
      order by d.id limit 1`.execute(database.db)).rows[0];
    await database.close();
    log(`database: ${scratch.kind}, ${fmt(DOCS)} documents`);

    const port = await freePort();
    const staticDir = join(dir, 'static');
    const server = startServer({ ...serverEnv(port, dir, scratch.serverEnv), GONGKAI_STATIC_DIR: staticDir }, { pin: true, asNpmStart: env.BENCH_FROM !== 'src', ...(env.BENCH_PROFILE === '1' ? { cpuProfDir: env.BENCH_PROFILE_DIR ?? join(dir, 'prof') } : {}) });
    procs.push(server);
    const gongkai = `http://127.0.0.1:${port}/u/${doc.slug}/doc/${doc.id}`;
    await waitFor(`http://127.0.0.1:${port}/readyz`, 120_000);
    const page = await fetchRaw(gongkai);
    if (page.status !== 200) throw new Error(`${gongkai} answered ${page.status}`);
    const again = await fetchRaw(gongkai); // the hit: the header list a cached page is answered with
    const headers: string[] = [];
    for (let i = 0; i < again.headers.length; i += 2) if (!PER_RESPONSE.has(again.headers[i].toLowerCase())) headers.push(again.headers[i], again.headers[i + 1]);
    mkdirSync(join(dir, 'www'), { recursive: true });
    writeFileSync(join(dir, 'www', 'doc.html'), page.body);
    writeFileSync(join(dir, 'headers.json'), JSON.stringify(headers));
    writeFileSync(join(dir, 'bare.mjs'), BARE);
    const headerBytes = headers.reduce((n, s) => n + Buffer.byteLength(s) + 2, 0); // name + ': ', value + CRLF
    log(`document page: ${fmt(page.body.length)} bytes, ${headers.length / 2} headers (${fmt(headerBytes)} bytes) besides Date/Connection/Keep-Alive`);

    const targets: { name: string; url: string; proc: ChildProcess; pid?: number }[] = [{ name: 'gongkai', url: gongkai, proc: server }];
    const nport = await freePort();
    const fport = await freePort();
    const hport = await freePort();
    const same = headersToAdd(pairsOf(headers));
    const nginxProc = await startNginx(dir, nport, { sameHeaders: { port: hport, headers: same }, front: { port: fport, staticDir, upstream: `127.0.0.1:${port}` } });
    procs.push(nginxProc);
    targets.push({ name: 'nginx', url: `http://127.0.0.1:${nport}/doc.html`, proc: nginxProc });
    targets.push({ name: 'nginx, gongkai\'s headers', url: `http://127.0.0.1:${hport}/doc.html`, proc: nginxProc });
    targets.push({ name: 'nginx, static publication', url: `http://127.0.0.1:${fport}/u/${doc.slug}/doc/${doc.id}`, proc: nginxProc });
    const bport = await freePort();
    const bare = startBare('bare', dir, bport);
    procs.push(bare);
    targets.push({ name: 'bare node:http', url: `http://127.0.0.1:${bport}/`, proc: bare });
    const sport = await freePort();
    const short = startBare('short', dir, sport);
    procs.push(short);
    targets.push({ name: 'bare node:http, short headers', url: `http://127.0.0.1:${sport}/`, proc: short });
    if (env.BENCH_NET === '1') {
      const tport = await freePort();
      const net = startBare('net', dir, tport);
      procs.push(net);
      targets.push({ name: 'node:net, one buffer', url: `http://127.0.0.1:${tport}/`, proc: net });
    }
    for (const t of targets) await waitFor(t.url);
    for (const t of targets) t.pid = t.name.startsWith('nginx') ? workerPid(t.proc.pid) : t.proc.pid;
    const published = await fetchRaw(targets.find((t) => t.name === 'nginx, static publication')!.url);
    const ranges = published.headers.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'accept-ranges');
    if (published.status !== 200 || ranges < 0 || !published.body.equals(page.body)) throw new Error('static publication: the page was not answered from its file');

    const lua = writeLua(dir);
    const wrk = (url: string, seconds = SECONDS) => runWrk(url, { lua, threads: 1, connections: CONNECTIONS, seconds });
    const results = new Map<string, WrkResult[]>(targets.map((t) => [t.name, []]));
    // server CPU time per request: what the server spends, whatever else runs on the machine
    const cpuUs = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    for (const t of targets) await wrk(t.url, 2); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      // rotate the order, so drift in the machine's load hits all alike
      for (let k = 0; k < targets.length; k++) {
        const t = targets[(round + k) % targets.length];
        const cpu0 = cpuSeconds(t.pid);
        const threads0 = threadCpu(t.pid);
        const r = await wrk(t.url);
        const cpu1 = cpuSeconds(t.pid);
        const threads = [...threadCpu(t.pid)].map(([name, sec]) => [name, ((sec - (threads0.get(name) ?? 0)) * 1e6) / r.requests] as const).filter(([, us]) => us >= 0.5).sort((x, y) => y[1] - x[1]);
        if (threads.length > 1) log(`  ${t.name} threads, µs a request: ${threads.map(([name, us]) => `${name} ${fmt(us, 1)}`).join(', ')}`);
        results.get(t.name)!.push(r);
        const us = cpu0 !== null && cpu1 !== null && r.requests ? ((cpu1 - cpu0) * 1e6) / r.requests : NaN;
        cpuUs.get(t.name)!.push(us);
        log(`round ${round + 1} ${t.name}: ${fmt(r.rps)} req/s, p95 ${fmt(r.p95ms, 2)} ms, ${fmt(us, 1)} µs of server CPU a request${r.errors ? `, ${r.errors} errors` : ''}`);
      }
    }
    const nginx = median(results.get('nginx')!.map((r) => r.rps));
    const nginxCpu = median(cpuUs.get('nginx')!);
    const lines = [
      `Run ending ${new Date().toISOString().slice(0, 16)}Z, Node.js ${process.version}, ${scratch.kind}; wrk 1 thread, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, ${pinning}.`,
      `Load average before ${loadBefore.map((x) => x.toFixed(2)).join(' / ')}, after ${loadavg().map((x) => x.toFixed(2)).join(' / ')}. Document page, ${fmt(page.body.length)} bytes.`,
      '',
      'CPU a request = the server process\'s CPU time (utime + stime, /proc) over the requests answered;',
      'nginx / it = the req/s share of nginx that this CPU cost allows on one core.',
      '',
      '| server | req/s (median) | of nginx | CPU a request (median) | nginx CPU / its CPU | req/s per round |',
      '|---|---:|---:|---:|---:|---|',
      ...targets.map((t) => {
        const rs = results.get(t.name)!;
        const m = median(rs.map((r) => r.rps));
        const c = median(cpuUs.get(t.name)!);
        return `| ${t.name} | ${fmt(m)} | ${fmt((100 * m) / nginx)} % | ${fmt(c, 1)} µs | ${fmt((100 * nginxCpu) / c)} % | ${rs.map((r) => fmt(r.rps)).join(', ')} |`;
      }),
    ];
    console.log('\n' + lines.join('\n'));
    if (env.BENCH_PROFILE === '1') {
      await stopServer(server);
      const sum = summarizeProfiles(env.BENCH_PROFILE_DIR ?? join(dir, 'prof'), ROOT, 30);
      if (sum) {
        log(`gongkai CPU profile: ${fmt(sum.totalMs)} ms of samples (idle excluded); top functions by self time:`);
        for (const f of sum.functions) console.log(`  ${fmt(f.pct, 1).padStart(5)} %  ${f.name}`);
        log('by package / file:');
        for (const f of sum.files) console.log(`  ${fmt(f.pct, 1).padStart(5)} %  ${f.file}`);
      }
    }
  } finally {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await scratch?.drop().catch((e) => console.error('could not drop the scratch database:', e));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
