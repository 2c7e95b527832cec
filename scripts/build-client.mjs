#!/usr/bin/env node
// Bundles the staff pages' browser code (client/*.ts: the Quill editor, drag-and-drop upload,
// the media-library picker) into static/build/ (gitignored), served under /static/build/ with
// the site's CSP (script-src 'self': no inline script). Run by `npm run build`, `prepare`, and
// at server start when the bundle is missing (src/core/http/client-bundle.ts).
//   node scripts/build-client.mjs [--if-possible]
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildClient(root = ROOT) {
  const esbuild = await import('esbuild');
  const outdir = join(root, 'static', 'build');
  mkdirSync(outdir, { recursive: true });
  const t0 = Date.now();
  await esbuild.build({
    entryPoints: [join(root, 'client', 'editor.ts')],
    bundle: true,
    format: 'esm',
    target: ['es2020'],
    minify: true,
    sourcemap: false,
    outdir,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  return Date.now() - t0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const ms = await buildClient();
    console.log(`built client bundle into static/build in ${ms} ms`);
  } catch (e) {
    if (!process.argv.includes('--if-possible')) throw e;
    console.warn(`client bundle not built (${e instanceof Error ? e.message : e}); the server builds it at start`);
  }
}
