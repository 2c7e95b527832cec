/**
 * What the benchmarks share to run gongkai as in production: a scratch database (PostgreSQL at
 * BENCH_DATABASE_URL, created and dropped, else PGlite in the run's temp dir — BENCH_DB=pglite forces
 * it), the production environment with fresh random keys, the server process (pinned to its CPU
 * for wrk runs, optionally under `--cpu-prof`), its CPU time from /proc and its stop.
 * Used by bench/portal.ts, health.ts, staff.ts and soak.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, type Database } from '../src/core/db/index.ts';
import { parseNodeScript } from '../src/core/heap.ts';
import { postgresReachable, scratchPostgres } from './scratch-db.ts';
import { pinned, SERVER_CPU } from './wrk.ts';

export const ROOT = resolve(import.meta.dirname, '..');

export interface Scratch {
  kind: 'postgres' | 'pglite';
  /** 'PostgreSQL' or 'PGlite', for reports */
  label: string;
  /** the PostgreSQL URL (null on PGlite) */
  url: string | null;
  /** env for the server process */
  serverEnv: Record<string, string>;
  open(poolSize?: number): Promise<Database>;
  drop(): Promise<void>;
}

/**
 * A scratch database named `name` (PostgreSQL), or PGlite in `dir`/data when PostgreSQL is not
 * reachable or BENCH_DB=pglite; `postgresOnly` refuses PGlite instead.
 */
export async function scratchDatabase(dir: string, name: string, o: { postgresOnly?: boolean } = {}): Promise<Scratch> {
  if (process.env.BENCH_DB !== 'pglite' && (await postgresReachable())) {
    const { url, drop } = await scratchPostgres(name);
    return { kind: 'postgres', label: 'PostgreSQL', url, serverEnv: { DATABASE_URL: url }, open: (poolSize = 4) => openDatabase({ databaseUrl: url, poolSize }), drop };
  }
  if (o.postgresOnly) throw new Error('this benchmark needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)');
  const data = join(dir, 'data');
  return { kind: 'pglite', label: 'PGlite', url: null, serverEnv: { GONGKAI_DATA_DIR: data }, open: () => openDatabase({ databaseUrl: null, dataDir: data }), drop: async () => {} };
}

/** Production refuses guessable keys: fresh random ones for each run. */
export function freshSecrets(): Record<'SESSION_SECRET' | 'GONGKAI_PII_KEY' | 'GONGKAI_AUDIT_KEY', string> {
  return { SESSION_SECRET: randomBytes(48).toString('base64'), GONGKAI_PII_KEY: randomBytes(32).toString('base64'), GONGKAI_AUDIT_KEY: randomBytes(32).toString('base64') };
}

/** The environment of `gongkai web` in production on 127.0.0.1:`port`, data in `dir`/data, then `extra`. */
export function serverEnv(port: number, dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...freshSecrets(),
    GONGKAI_DEMO: 'false', GONGKAI_WORKER: 'false', GONGKAI_PUBLIC_URL: `http://127.0.0.1:${port}`, GONGKAI_DATA_DIR: join(dir, 'data'), ...extra,
  };
}

export interface StartOptions {
  /** pin the server to SERVER_CPU (wrk runs on the other one) */
  pin?: boolean;
  /** run under `node --cpu-prof`, profiles into this directory */
  cpuProfDir?: string;
  /** pipe stdout (to read it) instead of ignoring it; stderr is always shown with a [server] prefix unless piped too */
  pipeOutput?: boolean;
  /** start as `npm start` does (bin/serve.js: the compiled dist/ when fresh) instead of src/ through tsx */
  asNpmStart?: boolean;
  /** `worker` runs the background jobs only (src/main.ts worker); default `web` */
  role?: 'web' | 'worker';
}

/** The environment assignments and node options of `npm start` (role web) or `npm run worker`:
 * package.json's script (malloc's arenas, the young generation's cap: core/heap.ts). */
export function npmStartScript(role: 'web' | 'worker' = 'web'): { env: Record<string, string>; nodeOptions: string[] } {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return parseNodeScript(scripts[role === 'web' ? 'start' : 'worker']);
}
export const npmStartNodeOptions = (role: 'web' | 'worker' = 'web'): string[] => npmStartScript(role).nodeOptions;

/** Starts `src/main.ts web` (or `worker`) with `env` (see serverEnv). */
export function startServer(env: NodeJS.ProcessEnv, o: StartOptions = {}): ChildProcess {
  const role = o.role ?? 'web';
  const entry = o.asNpmStart ? [...npmStartNodeOptions(role), 'bin/serve.js', role] : ['--import', 'tsx', 'src/main.ts', role];
  const node = [...(o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : []), ...entry];
  const [cmd, args] = o.pin ? pinned(SERVER_CPU, process.execPath, node) : [process.execPath, node];
  // as npm start, but never silently from src/: a stale dist/ stops the run ("run npm run build")
  const childEnv = o.asNpmStart ? { GONGKAI_SERVE_FROM: 'dist', ...npmStartScript(role).env, ...env } : env;
  const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', o.pipeOutput ? 'pipe' : 'ignore', 'pipe'], env: childEnv });
  if (!o.pipeOutput) p.stderr?.on('data', (d) => process.stderr.write(`[server] ${d}`));
  return p;
}

/** Stops a server (SIGTERM) and waits for its exit. */
export function stopServer(p: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (p.exitCode !== null || p.signalCode !== null) return r();
    p.once('exit', () => r());
    p.kill('SIGTERM');
  });
}

/** utime + stime of a process from /proc (Linux), in seconds; null elsewhere. */
export function cpuSeconds(pid: number | undefined): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}
