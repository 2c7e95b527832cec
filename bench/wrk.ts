/**
 * Load-generation helpers for the benchmarks: free ports, a one-worker nginx serving files from
 * a temporary folder (the static-file reference), and wrk with a Lua `done` hook that prints the
 * request count, duration and latency percentiles (wrk reports latency in microseconds).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * CPU pinning (taskset, util-linux): on a machine with ≥ 2 CPUs the server under test (nginx's
 * one worker, or gongkai's one Node.js thread) gets the last CPU and wrk the first, so both servers
 * are measured on the same core and never share it with the load generator.
 */
const PIN = cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;
export const SERVER_CPU = String(cpus().length - 1);
export function pinned(cpu: string, cmd: string, args: string[]): [string, string[]] {
  return PIN ? ['taskset', ['-c', cpu, cmd, ...args]] : [cmd, args];
}
export const pinning = PIN ? `server on CPU ${SERVER_CPU}, wrk on CPU 0 (taskset)` : 'no CPU pinning';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function version(cmd: string, args: string[]): string {
  // nginx -v prints to stderr, wrk -v exits non-zero: read both streams either way
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0] || 'unknown';
}

/** nginx with one worker, its own config and prefix under `dir`, serving `dir/www`. */
/** Headers nginx writes itself for a static file (or per response); the rest of a gongkai answer can be added with `add_header`. */
export const NGINX_OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'server', 'content-type', 'content-length', 'last-modified', 'etag', 'accept-ranges']);

/** The headers of a gongkai answer that nginx does not write itself, as [name, value] pairs
 * (content-encoding describes a compressed body: nginx serves the file as it is). */
export function headersToAdd(headers: Iterable<[string, string]>): [string, string][] {
  return [...headers].filter(([name]) => !NGINX_OWN_HEADERS.has(name.toLowerCase()) && name.toLowerCase() !== 'content-encoding');
}

/**
 * nginx, one worker, serving `dir`/www on `port`. With `o.sameHeaders`, a second server on
 * `o.sameHeaders.port` serves the same files and also sends `o.sameHeaders.headers` (the headers a
 * gongkai cache hit carries beyond nginx's own: CSP, HSTS, …) — the same response, header for header.
 */
export async function startNginx(dir: string, port: number, o: { sameHeaders?: { port: number; headers: [string, string][] }; front?: { port: number; staticDir: string; upstream: string } } = {}): Promise<ChildProcess> {
  // nginx workers run as an unprivileged user when started by root: the temp folder must be readable
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs', 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  client_body_temp_path ${join(dir, 'tmp')};
  proxy_temp_path ${join(dir, 'tmp')};
  fastcgi_temp_path ${join(dir, 'tmp')};
  uwsgi_temp_path ${join(dir, 'tmp')};
  scgi_temp_path ${join(dir, 'tmp')};
  types { text/html html; }
  server {
    listen 127.0.0.1:${port};
    root ${join(dir, 'www')};
  }
${o.sameHeaders ? `  server {
    listen 127.0.0.1:${o.sameHeaders.port};
    root ${join(dir, 'www')};
${o.sameHeaders.headers.map(([name, value]) => `    add_header ${nginxToken(name)} "${nginxString(value)}" always;`).join('\n')}
  }
` : ''}${o.front ? frontConf(o.front) : ''}}
`);
  const [cmd, args] = pinned(SERVER_CPU, 'nginx', ['-p', dir, '-c', conf, '-e', join(dir, 'logs', 'error.log')]);
  const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  p.stderr?.on('data', (d) => (err += d));
  p.on('exit', (code) => {
    if (code) console.error(`nginx exited ${code}: ${err}`);
  });
  return p;
}

/**
 * docs/nginx-static.conf — the configuration operators are given for static publication — with
 * its folder, upstream and listen address replaced: the bench measures the documented setup.
 */
function frontConf(f: { port: number; staticDir: string; upstream: string }): string {
  const text = readFileSync(resolve(import.meta.dirname, '..', 'docs', 'nginx-static.conf'), 'utf8');
  const out = text
    .replaceAll('/var/lib/gongkai/static', f.staticDir)
    .replaceAll('127.0.0.1:3000', f.upstream)
    .replace('listen 80;', `listen 127.0.0.1:${f.port};`);
  if (out.includes('/var/lib/gongkai') || out.includes(':3000') || !out.includes(`127.0.0.1:${f.port}`)) throw new Error('docs/nginx-static.conf: the marked values were not found');
  return out;
}

function nginxToken(name: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`header name nginx cannot take: ${name}`);
  return name;
}

/** A value inside nginx's double quotes (no variables: a `$` would be one). */
function nginxString(value: string): string {
  if (value.includes('$')) throw new Error(`header value with $: ${value}`);
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  errors: number;
  bytes: number;
}

export function writeLua(dir: string): string {
  const p = join(dir, 'report.lua');
  writeFileSync(p, `${reportHook()}\n`);
  return p;
}

/**
 * The same report, plus fixed-rate pacing (an open-loop approximation with wrk 4, which has no -R):
 * each of the run's connections waits a random 0 … 2 × `meanGapMs` ms (integer ms, wrk's `delay`
 * unit) after each response before its next request, so `connections` connections offer about
 * connections × 1000 / (meanGapMs + latency) req/s, with random (not lock-step) arrivals. wrk times a
 * request from its write to its response (µs): latency is exact, and as long as the server's stalls
 * stay far below the gap no request is held back behind a slow one (coordinated omission).
 */
export function writePacedLua(dir: string, name: string, meanGapMs: number): string {
  const p = join(dir, `${name}.lua`);
  writeFileSync(p, `${reportHook()}
math.randomseed(${Math.floor(meanGapMs * 7919)})
delay = function()
  return math.random(0, ${Math.round(2 * meanGapMs)})
end
`);
  return p;
}

function reportHook(): string {
  return `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout, summary.bytes))
end`;
}

/** One wrk run: `threads` threads, `connections` keep-alive connections, `seconds` long. */
export function runWrk(url: string, o: { lua: string; threads: number; connections: number; seconds: number }): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const [cmd, args] = pinned('0', 'wrk', [`-t${o.threads}`, `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '5s', '-s', o.lua, url]);
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', () => {
      const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
      if (!m) return reject(new Error(`wrk gave no result:\n${out}`));
      const [requests, micros, p50, p95, p99, errors, bytes] = m.slice(1).map(Number);
      resolve({ requests, seconds: micros / 1e6, rps: requests / (micros / 1e6), p50ms: p50 / 1000, p95ms: p95 / 1000, p99ms: p99 / 1000, errors, bytes });
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
