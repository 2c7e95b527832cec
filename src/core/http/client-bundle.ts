// The staff pages' browser bundle (static/build/, from client/ by scripts/build-client.mjs) is
// not committed: `npm run build` / `prepare` make it, and the web server makes it at start when
// it is missing, so `npm start` on a clean checkout serves the editor too. Without it the forms
// still work (plain textarea and file input).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// the same from src/core/http and dist/core/http
const ROOT = resolve(import.meta.dirname, '../../..');
export const CLIENT_BUNDLE = resolve(ROOT, 'static/build/editor.js');

/** Build the bundle if it is missing; false (and a warning) when it cannot be built. */
export async function ensureClientBundle(warn: (msg: string) => void = console.warn): Promise<boolean> {
  if (existsSync(CLIENT_BUNDLE)) return true;
  try {
    const mod = (await import(pathToFileURL(resolve(ROOT, 'scripts/build-client.mjs')).href)) as { buildClient: (root: string) => Promise<number> };
    await mod.buildClient(ROOT);
    return true;
  } catch (e) {
    warn(`client bundle (editor) not built: ${e instanceof Error ? e.message : String(e)}; forms work without it`);
    return false;
  }
}
