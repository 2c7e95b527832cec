/**
 * How far the JavaScript heap may grow past what the last full garbage collection kept (issue #15
 * item 4). V8 picks that factor itself, between 1.1 and 4, from how fast it collects; on a server
 * whose live heap is ~65 MB it let the old generation reach ~200 MB of garbage before a full
 * collection, and RSS followed (the soak's "growth" of 13.7 MB/min was that climb, falling back
 * at each full collection). A fixed factor keeps the heap near its live size at the cost of more
 * frequent (concurrent, mostly off the main thread) full collections.
 *
 * The flag is V8's `--heap-growing-percent`, read at each collection, so it can be set after
 * start-up; the heap's hard limit (`--max-old-space-size`) is left alone — a request that needs a
 * large heap for a moment still gets it.
 *
 * Node.js 22 and 24 (V8 12/13) accept the flag and ignore it, at run time and on the command line
 * alike (measured 2026-12-06: the same 177–180 MB peak with and without it on Node 24.21); there
 * the heap grows as V8 decides. The test skips on those versions, saying so.
 */
/** Whether this Node's V8 honours `--heap-growing-percent` (Node 20, V8 11; see above). */
export const HEAP_GROWTH_HONOURED = Number(process.versions.node.split('.')[0]) < 22;

import { setFlagsFromString } from 'node:v8';

/** Sets the growth of the old generation after a full collection to `percent` % (0: V8 decides). */
export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > 1000) throw new RangeError(`heap growth percent: ${percent}`);
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * The young generation. V8 sizes each of its two semi-spaces up to `--max-semi-space-size` (16 MB
 * on 64-bit Node 20 by default), and once grown under a burst of requests they stay committed: 32
 * MB of RSS for garbage that lives a few milliseconds. The web and worker processes run with a
 * smaller cap — more frequent, equally short scavenges. V8 reads it when the process starts only
 * (unlike `--heap-growing-percent`, setting it at run time does nothing), so it is on the node
 * command line of `npm start` and `npm run worker` (package.json); a service that runs node itself
 * should pass it too (docs/operations.md). Node accepts it in NODE_OPTIONS as well.
 */
export const SEMI_SPACE_FLAG = '--max-semi-space-size';

/**
 * glibc's malloc arenas. Node's threads (libuv's pool, V8's workers) each get an arena of their own
 * (up to 8 per core), and freed memory stays in them: under a long mixed load that was 25–37 MB of
 * RSS. `MALLOC_ARENA_MAX=2` is read by glibc when the process starts, so it is in the environment
 * of `npm start` and `npm run worker` (package.json); a service manager that runs node itself sets it
 * too (docs/operations.md). Other C libraries (musl) ignore it.
 */
export const MALLOC_ARENA_ENV = 'MALLOC_ARENA_MAX';

/** A package.json script `[NAME=value …] node [options] file …`: its environment assignments and
 * the node options before the file (bench/server.ts starts the server as `npm start` does). */
export function parseNodeScript(script: string): { env: Record<string, string>; nodeOptions: string[] } {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]); i++) {
    const eq = words[i].indexOf('=');
    env[words[i].slice(0, eq)] = words[i].slice(eq + 1);
  }
  if (words[i] !== 'node') throw new Error(`not a node command: ${script}`);
  const nodeOptions: string[] = [];
  for (const w of words.slice(i + 1)) {
    if (!w.startsWith('-')) break;
    nodeOptions.push(w);
  }
  return { env, nodeOptions };
}

/**
 * WebAssembly code: the embedded database (PGlite) is PostgreSQL compiled to a 9 MB WebAssembly
 * module. By default V8 compiles it twice — at once with its baseline compiler (Liftoff), then the
 * hot functions again with TurboFan in background threads — and keeps both sets of code and the
 * compilers' scratch memory: measured 2026-12-07 on the demo database, a process that opens PGlite
 * and runs page queries peaked at 255 MB RSS, 193 MB with `--no-liftoff` (TurboFan only) and 173 MB
 * with `--liftoff-only`. Per query, TurboFan-only code is as fast as the default (`bench:portal`,
 * PGlite, uncached: 1.2–1.5 ms of CPU a page either way) and Liftoff-only code is slower (1.7–2.4
 * ms), so the server runs with `--no-liftoff`: one compile at start-up (~1.4 s more before the
 * database opens), then the same speed with ~60 MB less memory. On PostgreSQL nothing in the server
 * is WebAssembly and the flag changes nothing. Command line only, like the semi-space cap.
 */
export const WASM_TIER_FLAG = '--no-liftoff';
