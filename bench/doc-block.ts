/**
 * The generated blocks of docs/benchmarks.md: each benchmark owns `<!-- <name>:<tag>:start -->` …
 * `<!-- <name>:<tag>:end -->` blocks below a `<!-- <name>:runs -->` marker in its own section; a run
 * replaces its block and leaves the rest of the file (hand-written analysis included) alone.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BENCHMARKS_MD = join(resolve(import.meta.dirname, '..'), 'docs', 'benchmarks.md');

/**
 * Replaces (or adds) block `tag` of benchmark `name`; the first time, the section is appended with
 * `heading` and `intro`. Returns the file written, or null under BENCH_WRITE=0.
 */
export function writeBenchBlock(o: { name: string; tag: string; heading: string; intro?: string; report: string }): string | null {
  if (process.env.BENCH_WRITE === '0') return null;
  const start = `<!-- ${o.name}:${o.tag}:start -->`, end = `<!-- ${o.name}:${o.tag}:end -->`, runs = `<!-- ${o.name}:runs -->`;
  const block = `${start}\n${o.report}\n${end}`;
  let text = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : '# Benchmarks\n';
  if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  else if (text.includes(runs)) text = text.replace(runs, `${runs}\n\n${block}`);
  else text = `${text.trimEnd()}\n\n## ${o.heading}\n\n${o.intro ? `${o.intro}\n\n` : ''}${runs}\n\n${block}\n`;
  writeFileSync(BENCHMARKS_MD, text);
  return BENCHMARKS_MD;
}
