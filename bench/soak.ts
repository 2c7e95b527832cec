/**
 * `npm run bench:soak` — the server's memory under a long mixed load (issue #15 item 4: RSS ≤ 300 MB
 * through 10 minutes, no growth in the last 5). Not part of `npm run bench`: it takes SOAK_MINUTES
 * (default 10).
 *
 *   1. the server as an operator starts it (`npm start`: bin/serve.js web, from dist/ when built, NODE_ENV=production, demo city,
 *      jobs in process) on the embedded database in a temp dir, or on SOAK_DATABASE_URL;
 *   2. SOAK_CLIENTS (default 4) loops, each fetching in turn: portal pages (home, columns, documents
 *      found on them), a search, and — signed in as admin — staff pages;
 *   3. meanwhile `gongkai import documents` runs again and again beside the server (the demo city's
 *      own documents, exported once, with a changed title each round, so every round writes);
 *   4. the child's RSS (VmRSS from /proc) is sampled every SOAK_SAMPLE_S seconds (default 5);
 *   5. peak RSS and the slope over the last 5 minutes (the last half of a shorter run) by least
 *      squares; written to docs/benchmarks.md (the memory section) unless BENCH_WRITE=0.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT, serverEnv as envOf, startServer } from './server.ts';

const env = process.env;
const MINUTES = Number(env.SOAK_MINUTES ?? 10);
const CLIENTS = Number(env.SOAK_CLIENTS ?? 4);
const SAMPLE_S = Number(env.SOAK_SAMPLE_S ?? 5);
const GOAL_MB = 300;
const WRITE = env.BENCH_WRITE !== '0';
const PASSWORD = 'Soak-Demo-Passw0rd!';
const log = (s: string) => console.log(`[soak] ${s}`);

const dir = mkdtempSync(join(tmpdir(), 'gongkai-soak-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
const serverEnv = envOf(port, dir, {
  GONGKAI_DEMO: 'true',
  GONGKAI_WORKER: 'true',
  GONGKAI_ADMIN_PASSWORD: PASSWORD,
  COOKIE_SECURE: 'false',
  // the soak is one proxy in front of many citizens: searches carry X-Forwarded-For, so that the
  // public search's rate limit (120 a minute per address) meets each client, not the soak as one
  TRUST_PROXY: '1',
  DATABASE_URL: env.SOAK_DATABASE_URL ?? '',
});

const gk = (...args: string[]) =>
  new Promise<{ code: number; out: string; err: string }>((res) =>
    execFile(process.execPath, ['bin/gongkai.js', ...args], { cwd: ROOT, env: serverEnv, maxBuffer: 64 << 20, timeout: 900_000 }, (e, out, err) =>
      res({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out, err })));

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** least-squares slope of y over x */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : 0;
}

async function main() {
  const t0 = Date.now();
  log(`${MINUTES} min, ${CLIENTS} clients, ${env.SOAK_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}; data in ${dir}`);
  // the first start seeds the demo city (a one-off that a running site never repeats); the soak
  // measures a second start on the seeded data, as a site runs day to day
  const start = async () => {
    const child = startServer(serverEnv, { pipeOutput: true, asNpmStart: true });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const since = Date.now();
    while (!out.includes('gongkai 已启动')) {
      if (child.exitCode !== null || Date.now() - since > 900_000) {
        child.kill('SIGKILL');
        throw new Error(`server did not start:\n${out.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return child;
  };
  const stop = (c: ChildProcess) => {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    return new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.on('exit', r)));
  };
  const seeding = await start();
  log(`demo city seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s (RSS then ${rssMb(seeding.pid!).toFixed(0)} MB); restarting`);
  await stop(seeding);
  const child = await start();
  const stopServer = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', stopServer);
  try {
    log(`server up in ${((Date.now() - t0) / 1000).toFixed(1)} s, RSS ${rssMb(child.pid!).toFixed(0)} MB`);

    // sign in as admin (cookie jar)
    const jar = new Map<string, string>();
    const go = async (url: string, init: RequestInit = {}) => {
      const r = await fetch(base + url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of r.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
      return r;
    };
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await go('/admin/login')).text())?.[1] ?? '';
    const login = await go('/admin/login', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, next: '/admin', username: 'admin', password: PASSWORD }).toString(),
    });
    if (login.status !== 303) throw new Error(`sign-in failed: ${login.status}`);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

    // the portal's URLs: home, the columns and documents linked from them
    const home = await (await fetch(`${base}/u/chaoyang/`)).text();
    const links = new Set<string>(['/', '/u/chaoyang/']);
    for (const m of home.matchAll(/href="(\/u\/[a-z0-9-]+\/[^"?#]*)"/g)) links.add(m[1]);
    for (const l of [...links].slice(0, 40)) {
      const html = await (await fetch(base + l)).text();
      for (const m of html.matchAll(/href="(\/u\/[a-z0-9-]+\/doc\/\d+)"/g)) links.add(m[1]);
    }
    const portal = [...links];
    const searches = ['规划', '财政预算', '教育', '交通', '公开', '住房', '环境保护', '卫生健康', '政府信息公开年度报告', '招标'];
    const staff = ['/admin', '/admin/documents', '/admin/requests', '/admin/documents?status=published', '/admin/audit'];
    log(`${portal.length} portal URLs`);

    // the import file: the city's documents, exported once
    const exportFile = join(dir, 'docs.jsonl');
    const exp = await gk('export', 'documents', '--out', exportFile);
    if (exp.code !== 0) throw new Error(`export failed: ${exp.err}`);
    const lines = readFileSync(exportFile, 'utf8').split('\n').filter(Boolean).slice(0, 200);
    log(`import file: ${lines.length} documents`);

    const end = Date.now() + MINUTES * 60_000;
    const counts = { portal: 0, search: 0, staff: 0, errors: 0, imports: 0, importFailures: 0 };
    const statuses = new Map<number, number>();
    const hit = async (url: string, headers: Record<string, string> = {}) => {
      try {
        const r = await fetch(base + url, { headers, redirect: 'manual' });
        await r.arrayBuffer();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status >= 500) counts.errors++;
      } catch {
        counts.errors++;
      }
    };
    const client = async (k: number) => {
      for (let i = k; Date.now() < end; i++) {
        await hit(portal[i % portal.length]);
        counts.portal++;
        if (i % 4 === 0) {
          await hit(`/search?q=${encodeURIComponent(searches[i % searches.length])}&page=${1 + (i % 3)}`, { 'x-forwarded-for': `10.0.${k}.${i % 250}` });
          counts.search++;
        }
        if (i % 3 === 0) {
          await hit(staff[i % staff.length], { cookie });
          counts.staff++;
        }
      }
    };
    const importer = async () => {
      for (let round = 1; Date.now() < end; round++) {
        const f = join(dir, `import-${round % 2}.jsonl`);
        writeFileSync(f, lines.map((l) => { const d = JSON.parse(l) as { title: string }; return JSON.stringify({ ...d, title: `${d.title.replace(/（第\d+轮）$/, '')}（第${round}轮）` }); }).join('\n') + '\n');
        const r = await gk('import', 'documents', f);
        if (r.code === 0) counts.imports++;
        else {
          counts.importFailures++;
          if (counts.importFailures === 1) log(`import failed: ${r.err.slice(0, 500)}`);
        }
      }
    };
    const samples: { t: number; mb: number }[] = [];
    const sampler = (async () => {
      while (Date.now() < end) {
        const mb = rssMb(child.pid!);
        samples.push({ t: (Date.now() - t0) / 1000, mb });
        if (samples.length % Math.max(1, Math.round(60 / SAMPLE_S)) === 0) log(`${(samples.at(-1)!.t / 60).toFixed(1)} min: RSS ${mb.toFixed(0)} MB, ${counts.portal} portal, ${counts.search} search, ${counts.staff} staff, ${counts.imports} imports`);
        await new Promise((r) => setTimeout(r, SAMPLE_S * 1000));
      }
    })();
    const loadStart = Date.now();
    await Promise.all([...Array.from({ length: CLIENTS }, (_, k) => client(k)), importer(), sampler]);
    const loadS = (Date.now() - loadStart) / 1000;

    const peak = Math.max(...samples.map((s) => s.mb));
    const tEnd = samples.at(-1)!.t;
    const windowS = Math.min(300, tEnd / 2);
    const tail = samples.filter((s) => s.t >= tEnd - windowS);
    const mbPerMin = slope(tail.map((s) => s.t / 60), tail.map((s) => s.mb));
    const la = loadavg().map((x) => x.toFixed(2)).join(' / ');
    const summary = {
      minutes: +(loadS / 60).toFixed(1), peakMb: +peak.toFixed(0), startMb: +samples[0].mb.toFixed(0), endMb: +samples.at(-1)!.mb.toFixed(0),
      tailMinutes: +(windowS / 60).toFixed(1), slopeMbPerMin: +mbPerMin.toFixed(2), ...counts, statuses: Object.fromEntries(statuses), loadavg: la,
    };
    log(JSON.stringify(summary));
    const ok = peak <= GOAL_MB && mbPerMin < 1;
    log(ok ? `OK: peak ${peak.toFixed(0)} MB ≤ ${GOAL_MB} MB, last ${(windowS / 60).toFixed(1)} min ${mbPerMin.toFixed(2)} MB/min` : `GOAL MISSED: peak ${peak.toFixed(0)} MB, slope ${mbPerMin.toFixed(2)} MB/min`);
    if (WRITE) writeReport(summary, ok);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeReport(s: Record<string, unknown> & { peakMb: number; slopeMbPerMin: number }, ok: boolean) {
  const file = join(ROOT, 'docs/benchmarks.md');
  const doc = readFileSync(file, 'utf8');
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const db = env.SOAK_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
  // one row per database: this run's replaces the last one on the same database, the other stays
  const row = `| ${db} | ${stamp} UTC, Node ${process.version}, load ${s.loadavg} | ${s.minutes} min | ${s.peakMb} MB | ${s.startMb} → ${s.endMb} MB | ${s.slopeMbPerMin} MB/min (last ${s.tailMinutes} min) | ${s.portal} / ${s.search} / ${s.staff} | ${s.imports} | ${s.errors} | ${ok ? 'met' : 'missed'} |`;
  const old = /<!-- soak:start -->[\s\S]*?<!-- soak:end -->/.exec(doc)?.[0] ?? '';
  const others = old.split('\n').filter((l) => /^\| (PostgreSQL|embedded PGlite) \|/.test(l) && !l.startsWith(`| ${db} |`));
  const rows = [...others, row].sort();
  const section = [
    '<!-- soak:start -->',
    '## Memory soak (`npm run bench:soak`)',
    '',
    `Goal (issue #15): RSS ≤ ${GOAL_MB} MB through 10 minutes of mixed load, no growth in the last 5 (slope < 1 MB/min). ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB; the machine is shared with other work, so the load average is given with each run.`,
    '',
    `${CLIENTS} clients looping over portal pages, searches and signed-in staff pages while \`gongkai import documents\` re-imports 200 documents again and again; RSS of the server process (VmRSS) every ${SAMPLE_S} s. The server is started as \`npm start\` starts it (package.json's node options, dist/).`,
    '',
    '| database | measured | run | peak RSS | start → end | slope | portal / search / staff requests | imports | 5xx | result |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    // the explanation below the table, kept beside this script so each run writes it again
    readFileSync(join(import.meta.dirname, 'soak-notes.md'), 'utf8').trim(),
    '<!-- soak:end -->',
  ].join('\n');
  const re = /<!-- soak:start -->[\s\S]*?<!-- soak:end -->/;
  writeFileSync(file, re.test(doc) ? doc.replace(re, section) : doc.trimEnd() + '\n\n' + section + '\n');
  log('written to docs/benchmarks.md');
}

await main();
