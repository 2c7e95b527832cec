#!/usr/bin/env node
// `npm run build` (and `prepare`, run by `npm install` / `npm ci`): compiles src/ to dist/, one .js
// file per .ts/.tsx file at the same place in the tree, so that the CLI (bin/gongkai.js) starts
// without transpiling the whole tree through tsx on every run.
//
// esbuild, not tsc: the whole tree compiles in about a second, type-checking stays with
// `npm run typecheck`. esbuild comes with tsx (a dependency). Each file is its own entry point with
// every import left external; relative imports of .ts/.tsx become .js. dist/ sits beside src/, so
// paths that files resolve from their own location (../static, ../../package.json, fonts in
// node_modules, the extraction worker extract-worker.mjs, the corpus text) resolve the same way.
// Files other than code and READMEs (e.g. *.txt) are copied; the .mjs worker is compiled in place
// too (its import of ./extract-task.ts becomes .js). Tests (*.test.ts[x]) are not built.
//
//   node scripts/build.mjs [--out DIR] [--if-possible]
//   --if-possible: on failure print a warning and exit 0 (prepare: bin/gongkai.js then runs src/)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTestFile, sourceStamp, STAMP_FILE } from '../bin/fresh.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function esbuild() {
  try {
    return await import('esbuild');
  } catch {
    // not hoisted: take tsx's own copy
    const req = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    return import(req.resolve('esbuild'));
  }
}

/**
 * A package subpath as Node resolves it: tsx accepts `@node-rs/jieba/dict`, Node wants `dict.js`.
 * Looked up by hand (not import.meta.resolve, which tsx's hooks would answer when this runs under tsx).
 */
function packagePath(spec, root) {
  const m = /^((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(spec);
  if (!m || spec.startsWith('node:')) return spec;
  const [, name, sub] = m;
  let dir = root;
  let pkg = null;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) {
      pkg = candidate;
      break;
    }
    const up = dirname(dir);
    if (up === dir) return spec; // not installed: leave it to Node to complain at run time
    dir = up;
  }
  // with "exports" Node maps the subpath itself, exactly as written
  if (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).exports) return spec;
  const isFile = (p) => existsSync(p) && statSync(p).isFile();
  if (isFile(join(pkg, sub))) return spec;
  const ext = ['.js', '.mjs', '/index.js'].find((e) => isFile(join(pkg, sub + e)));
  if (!ext) throw new Error(`cannot resolve ${spec} as Node does`);
  return spec + ext;
}

/** Leaves every import as it is, with a relative .ts/.tsx import pointing at the .js beside it. */
const keepImports = (root) => ({
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const path = /^\.\.?\//.test(args.path) ? args.path.replace(/\.tsx?$/, '.js') : packagePath(args.path, root);
      return { path, external: true };
    });
  },
});

export async function buildDist({ root = ROOT, out = join(root, 'dist') } = {}) {
  const started = performance.now();
  const stamp = sourceStamp(root); // before compiling: a change made meanwhile makes the build stale
  const src = join(root, 'src');
  const code = [];
  const workers = [];
  const assets = [];
  for (const d of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!d.isFile() || isTestFile(d.name)) continue;
    const file = join(d.parentPath ?? d.path, d.name);
    if (d.name.endsWith('.d.ts')) continue;
    else if (/\.tsx?$/.test(d.name)) code.push(file);
    else if (d.name.endsWith('.mjs')) workers.push(file);
    else if (d.name !== 'README.md') assets.push(file);
  }
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const { build } = await esbuild();
  const common = {
    outdir: tmp,
    outbase: src,
    bundle: true,
    plugins: [keepImports(root)],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    charset: 'utf8',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  };
  try {
    await build({ ...common, entryPoints: code });
    if (workers.length) await build({ ...common, entryPoints: workers, outExtension: { '.js': '.mjs' } });
    for (const file of assets) {
      const to = join(tmp, relative(src, file));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(file, to);
    }
    writeFileSync(join(tmp, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
    rmSync(out, { recursive: true, force: true });
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return { files: code.length + workers.length + assets.length, ms: Math.round(performance.now() - started), out };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  try {
    const r = await buildDist(outAt >= 0 ? { out: resolve(args[outAt + 1]) } : {});
    console.log(`built ${r.files} files into ${relative(process.cwd(), r.out) || '.'} in ${r.ms} ms`);
  } catch (e) {
    if (!args.includes('--if-possible')) throw e;
    console.warn(`warning: the build of dist/ failed; the gongkai command will run from src/ through tsx: ${e.message}`);
  }
}
