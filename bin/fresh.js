// Is dist/ (the compiled src/, `npm run build`) up to date? Used by bin/gongkai.js at every start and
// by scripts/build.mjs, which stamps dist/ with the state of the sources it compiled. The check is
// a walk over src/ comparing the newest modification time and the number of entries (a deleted
// file changes its folder's time), a few milliseconds. Test files are left out: editing a test does
// not send the CLI back to tsx.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP_FILE = '.stamp.json';
/** Besides src/: what changes the output of the build. */
const INPUTS = ['tsconfig.json', 'package.json', 'scripts/build.mjs', 'bin/fresh.js'];

export const isTestFile = (name) => /\.test\.tsx?$/.test(name);

/** { newest, entries } of the sources under root. */
export function sourceStamp(root) {
  let newest = 0;
  let entries = 0;
  const look = (path) => {
    const m = statSync(path).mtimeMs;
    if (m > newest) newest = m;
    entries++;
  };
  const src = join(root, 'src');
  look(src);
  for (const d of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (d.isFile() && isTestFile(d.name)) continue;
    look(join(d.parentPath ?? d.path, d.name));
  }
  for (const f of INPUTS) look(join(root, f));
  return { newest, entries };
}

/** True when dist holds a build of the sources as they are now. */
export function distIsFresh(root, dist = join(root, 'dist')) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(dist, STAMP_FILE), 'utf8'));
  } catch {
    return false;
  }
  const now = sourceStamp(root);
  return stamp.newest === now.newest && stamp.entries === now.entries;
}
