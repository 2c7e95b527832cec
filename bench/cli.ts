/**
 * `npm run bench:cli` — how long the `gongkai` command takes to start (issue #14: `--help` ≤ 0.5 s,
 * `units list` ≤ 2 s on PGlite):
 *   1. `npm run build` (timed), so that bin/gongkai.js runs dist/;
 *   2. a PGlite data dir with the demo city in bench/out/cli-data (seeded once, then reused);
 *   3. `--help` and `units list`, each from dist/ and from src/ through tsx (its transpile cache
 *      warm, and cold with TSX_DISABLE_CACHE=1, as on the first run after a change) — with hyperfine
 *      when it is installed (`apt-get install hyperfine`), else a loop of spawns; mean ± σ, min, max;
 *   4. the figures and the machine go into the CLI section of docs/benchmarks.md unless BENCH_WRITE=0.
 * BENCH_RUNS (default 10) runs per command after 2 warm-ups.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const DATA = join(ROOT, 'bench/out/cli-data');
const BIN = join(ROOT, 'bin/gongkai.js');
const env = { ...process.env, GONGKAI_DATA_DIR: DATA, GONGKAI_ADMIN_PASSWORD: 'Bench-Demo-Pass-2026!', LOG_LEVEL: 'silent' };
const log = (s: string) => console.error(`[bench:cli] ${s}`);

interface Case {
  name: string;
  from: 'dist' | 'src';
  cold?: boolean;
  args: string[];
}
interface Result extends Case {
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** user + system CPU seconds, mean (hyperfine only): less at the mercy of the other processes */
  cpu: number | null;
}

const CASES: Case[] = [
  { name: '`gongkai --help`', from: 'dist', args: ['--help'] },
  { name: '`gongkai --help`', from: 'src', args: ['--help'] },
  { name: '`gongkai --help`', from: 'src', cold: true, args: ['--help'] },
  { name: '`gongkai units list`', from: 'dist', args: ['units', 'list'] },
  { name: '`gongkai units list`', from: 'src', args: ['units', 'list'] },
  { name: '`gongkai units list`', from: 'src', cold: true, args: ['units', 'list'] },
];

const hasHyperfine = spawnSync('hyperfine', ['--version']).status === 0;

function stats(xs: number[]): Omit<Result, keyof Case | 'cpu'> {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return { mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

function measure(c: Case): Result {
  const caseEnv = { ...env, GONGKAI_CLI_FROM: c.from, ...(c.cold ? { TSX_DISABLE_CACHE: '1' } : {}) };
  if (hasHyperfine) {
    const json = join(ROOT, 'bench/out/cli-hyperfine.json');
    const cmd = [process.execPath, BIN, ...c.args].map((a) => `'${a}'`).join(' ');
    execFileSync('hyperfine', ['--warmup', '2', '--runs', String(RUNS), '--style', 'none', '--export-json', json, cmd], { env: caseEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    const r = (JSON.parse(readFileSync(json, 'utf8')) as { results: { mean: number; stddev: number; min: number; max: number; user: number; system: number }[] }).results[0];
    rmSync(json);
    return { ...c, mean: r.mean, sd: r.stddev ?? 0, min: r.min, max: r.max, cpu: r.user + r.system };
  }
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, [BIN, ...c.args], { env: caseEnv, stdio: 'ignore' });
    if (p.status !== 0) throw new Error(`${c.args.join(' ')} exited with ${p.status}`);
    if (i >= 2) times.push((performance.now() - t0) / 1000);
  }
  return { ...c, ...stats(times), cpu: null };
}

function main() {
  mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
  const t0 = performance.now();
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  const buildS = (performance.now() - t0) / 1000;
  if (!existsSync(join(DATA, 'pgdata'))) {
    log('seeding the demo city into bench/out/cli-data (once)…');
    execFileSync(process.execPath, [BIN, 'seed', 'demo'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const units = execFileSync(process.execPath, [BIN, 'units', 'list'], { env, encoding: 'utf8' }).trim().split('\n').length;
  const load0 = loadavg()[0];
  const results = CASES.map((c) => {
    log(`${c.args.join(' ')} from ${c.from}${c.cold ? ' (cold tsx cache)' : ''}…`);
    return measure(c);
  });
  const load1 = loadavg()[0];
  const s = (x: number) => `${x.toFixed(2)} s`;
  const report = [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node.js ${process.version};`,
    `load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after (the machine is shared: read the figures with that in mind).`,
    `${hasHyperfine ? 'hyperfine' : 'a loop of spawns'}, ${RUNS} runs after 2 warm-ups; PGlite data dir with the demo city (${units} units); \`npm run build\` took ${buildS.toFixed(1)} s.`,
    '',
    '| command | runs from | wall, mean ± σ | min | max | CPU (user + sys), mean |',
    '|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${r.from === 'dist' ? 'dist/ (compiled)' : r.cold ? 'src/ via tsx, cold cache' : 'src/ via tsx, warm cache'} | ${s(r.mean)} ± ${s(r.sd)} | ${s(r.min)} | ${s(r.max)} | ${r.cpu === null ? 'n/a' : s(r.cpu)} |`),
  ].join('\n');
  console.log(report);
  if (process.env.BENCH_WRITE !== '0') writeSection(report);
}

/** Replaces the generated block of the CLI section in docs/benchmarks.md (adding the section the first time). */
function writeSection(report: string) {
  const file = join(ROOT, 'docs/benchmarks.md');
  const start = '<!-- cli-bench:start -->';
  const end = '<!-- cli-bench:end -->';
  const block = `${start}\n${report}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n## CLI start-up (\`npm run bench:cli\`)\n\n### Latest run\n\n${block}\n`;
  writeFileSync(file, text);
  log(`wrote ${file}`);
}

main();
