// Module hooks for GONGKAI_TRACE_LOADS=FILE (bin/gongkai.js): appends the URL of every module the
// CLI loads to FILE, one a line — to see (and test) what a command pulls in at start-up.
import { appendFileSync } from 'node:fs';

let file = null;

export function initialize(data) {
  file = data?.file ?? null;
}

export async function load(url, context, nextLoad) {
  if (file) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
