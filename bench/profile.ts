/**
 * The top of a V8 CPU profile (`node --cpu-prof`): self time per function and per file, so a
 * benchmark can print where a request's CPU goes without anyone opening the profile file
 * (findings go to docs/perf-notes.md, the .cpuprofile itself is not committed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  functions: { name: string; ms: number; pct: number }[];
  files: { file: string; ms: number; pct: number }[];
}

export function summarizeProfiles(dir: string, root: string, top = 20): ProfileSummary | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) return null;
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile;
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length; i++) {
      const n = nodes.get(p.samples[i]);
      const us = p.timeDeltas[i] ?? 0;
      if (!n) continue;
      const { functionName, url, lineNumber } = n.callFrame;
      if (functionName === '(idle)') continue;
      total += us;
      const file = url ? shorten(url, root) : functionName;
      const name = `${functionName || '(anonymous)'} ${url ? `${file}:${lineNumber + 1}` : ''}`.trim();
      byFn.set(name, (byFn.get(name) ?? 0) + us);
      const pkg = packageOf(file);
      byFile.set(pkg, (byFile.get(pkg) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: total / 1000,
    functions: rank(byFn).map(([name, us]) => ({ name, ms: us / 1000, pct: (100 * us) / total })),
    files: rank(byFile).map(([file, us]) => ({ file, ms: us / 1000, pct: (100 * us) / total })),
  };
}

function shorten(url: string, root: string): string {
  const path = url.replace(/^file:\/\//, '');
  const r = relative(root, path);
  return r.startsWith('..') ? path : r;
}

/** node_modules/<pkg> or node:<module> or the project file. */
function packageOf(file: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (m) return m[1];
  if (file.startsWith('node:')) return file.split('/')[0];
  return file;
}

/**
 * The most frequent call stacks (innermost first, `depth` frames) leading to the functions named,
 * by sampled time — to find who calls a native function such as `openFileHandle` (BENCH_PROFILE_CALLERS).
 */
export function callersOf(dir: string, root: string, names: readonly string[], top = 5, depth = 10): { name: string; stacks: { ms: number; frames: string[] }[] }[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const out = new Map<string, Map<string, number>>(names.map((n) => [n, new Map()]));
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile;
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? `${shorten(n.callFrame.url, root)}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
    for (let i = 0; i < p.samples.length; i++) {
      const n = nodes.get(p.samples[i]);
      const stacks = n && out.get(n.callFrame.functionName);
      if (!n || !stacks) continue;
      const frames: string[] = [];
      for (let id: number | undefined = n.id; id !== undefined && frames.length < depth; id = parent.get(id)) frames.push(label(nodes.get(id)!));
      const key = frames.join('\n');
      stacks.set(key, (stacks.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
    }
  }
  return [...out].map(([name, m]) => ({
    name,
    stacks: [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => ({ ms: us / 1000, frames: k.split('\n') })),
  }));
}
