#!/usr/bin/env node
// The `gongkai` command (package bin). Runs the compiled CLI in dist/ when `npm run build` (also run
// by `npm install` / `npm ci` through `prepare`) left an up-to-date copy there; otherwise the
// TypeScript sources through tsx, which works from a fresh clone but transpiles on every start.
//   GONGKAI_CLI_FROM=src|dist   force one or the other (dist fails when there is no fresh build)
//   GONGKAI_TRACE_LOADS=FILE    append the URL of every module loaded to FILE
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { distIsFresh } from './fresh.js';

// Node.js ≥ 22.1 keeps the compiled bytecode of the modules between runs (a no-op on Node 20)
module.enableCompileCache?.();

if (process.env.GONGKAI_TRACE_LOADS) {
  module.register('./trace-loads.mjs', import.meta.url, { data: { file: process.env.GONGKAI_TRACE_LOADS } });
}

const root = fileURLToPath(new URL('..', import.meta.url));
const from = process.env.GONGKAI_CLI_FROM;
if (from === 'dist' || (from !== 'src' && distIsFresh(root))) {
  if (from === 'dist' && !distIsFresh(root)) {
    console.error('dist/ 不存在或已过期，请先运行 npm run build / dist/ is missing or older than src/: run `npm run build`');
    process.exit(1);
  }
  await import('../dist/cli/index.js');
} else {
  if (from !== 'src' && process.stderr.isTTY && existsSync(new URL('../dist/', import.meta.url))) {
    console.error('(dist/ is older than src/; running from source — `npm run build` makes the CLI start faster)');
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/index.ts');
}
