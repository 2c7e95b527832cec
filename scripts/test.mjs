#!/usr/bin/env node
// Runs the test suite in named tiers, in order, with node:test through tsx.
//   unit     *.unit.test.ts(x)     pure logic, no database, no network
//   db       *.db.test.ts(x)       a real database: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set
//   http     *.http.test.ts(x)     the Fastify app through inject(), on the same database choice
//   browser  *.browser.test.ts(x)  Debian chromium + playwright-core; skipped with a reason if chromium is missing
// `npm test -- unit db` runs only the named tiers.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';

const TIERS = ['unit', 'db', 'http', 'browser'];
const wanted = process.argv.slice(2).filter((a) => TIERS.includes(a));
const tiers = wanted.length ? wanted : TIERS;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
const files = [...walk('src'), ...walk('test')].map((f) => relative('.', f)).sort();
let failed = false;
const total = { pass: 0, fail: 0, skipped: 0 };

function run(args, env) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let tail = '';
    p.stdout.on('data', (d) => {
      process.stdout.write(d);
      tail = (tail + d.toString()).slice(-4000);
    });
    p.on('close', (code) => resolve({ code, tail }));
  });
}

for (const tier of tiers) {
  const re = new RegExp(`\\.${tier}\\.test\\.tsx?$`);
  const mine = files.filter((f) => re.test(f));
  if (!mine.length) continue;
  console.log(`\n# tier: ${tier} (${mine.length} files)${process.env.TEST_DATABASE_URL && tier !== 'unit' ? ' on PostgreSQL' : tier !== 'unit' ? ' on PGlite' : ''}`);
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=' + (tier === 'browser' ? 1 : 2), ...mine];
  const { code, tail } = await run(args, { ...process.env, NODE_ENV: 'test', GONGKAI_TEST_TIER: tier });
  for (const k of Object.keys(total)) {
    const m = new RegExp(`ℹ ${k} (\\d+)`).exec(tail);
    if (m) total[k] += Number(m[1]);
  }
  if (code !== 0) failed = true;
}
console.log(`\nall tiers: ${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped`);
process.exit(failed ? 1 : 0);
