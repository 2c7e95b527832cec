#!/usr/bin/env node
// `npm start` and `npm run worker`: the server (src/main.ts web|worker) from the compiled copy in dist/
// when `npm run build` (run by `npm install` / `npm ci` through `prepare`) left an up-to-date one, else
// the TypeScript sources through tsx — as bin/gongkai.js does for the CLI. The compiled server starts
// faster and holds about 70 MB less memory (no transpiler, no source maps; issue #15.4).
//   GONGKAI_SERVE_FROM=src|dist   force one or the other (dist fails when there is no fresh build)
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { distIsFresh } from './fresh.js';

module.enableCompileCache?.();

const root = fileURLToPath(new URL('..', import.meta.url));
const from = process.env.GONGKAI_SERVE_FROM;
if (from === 'dist' || (from !== 'src' && distIsFresh(root))) {
  if (from === 'dist' && !distIsFresh(root)) {
    console.error('dist/ 不存在或已过期，请先运行 npm run build / dist/ is missing or older than src/: run `npm run build`');
    process.exit(1);
  }
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
