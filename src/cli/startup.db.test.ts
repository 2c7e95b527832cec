/**
 * The CLI starts fast (issue #14): `npm run build` compiles src/ into a dist/ that runs, `--help`
 * loads no database, server or module code, a command loads only its own modules, and the table of
 * lazily loaded commands says what the modules themselves register. The build goes to a folder of
 * its own under .test-data/, so the test neither needs nor disturbs the checkout's dist/.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDist } from '../../scripts/build.mjs';
import { distIsFresh } from '../../bin/fresh.js';
import { cliSandbox } from '../../test/helpers/cli.ts';
import { GROUPS } from './commands.ts';

const ROOT = resolve(import.meta.dirname, '../..');
mkdirSync(join(ROOT, '.test-data'), { recursive: true });
const OUT = mkdtempSync(join(ROOT, '.test-data', 'dist-'));
const TRACE_HOOKS = pathToFileURL(join(ROOT, 'bin/trace-loads.mjs')).href;
const cli = cliSandbox('startup');

interface Run {
  code: number;
  out: string;
  err: string;
  loaded: string[];
}

let runs = 0;
/** Runs `node <entry> …args` with every module it loads recorded (bin/trace-loads.mjs). */
function run(entry: string, args: string[], env: NodeJS.ProcessEnv = cli.env): Promise<Run> {
  const trace = join(cli.dir, `loads-${++runs}.txt`);
  writeFileSync(trace, '');
  const hook = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(TRACE_HOOKS)},{data:{file:${JSON.stringify(trace)}}})`;
  return new Promise((done) => {
    execFile(process.execPath, ['--import', hook, entry, ...args], { env, cwd: ROOT, timeout: 60_000 }, (e, out, err) =>
      done({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out, err, loaded: readFileSync(trace, 'utf8').split('\n').filter(Boolean) }));
  });
}
const built = (...args: string[]) => run(join(OUT, 'cli/index.js'), args);
const packagesOf = (loaded: string[]) => new Set(loaded.filter((u) => u.includes('/node_modules/')).map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)![1]));
const projectFiles = (loaded: string[]) => loaded.filter((u) => u.startsWith(pathToFileURL(OUT).href)).map((u) => u.slice(pathToFileURL(OUT).href.length + 1));

before(async () => {
  await cli.setup();
  await buildDist({ root: ROOT, out: OUT });
});
after(async () => {
  rmSync(OUT, { recursive: true, force: true });
  await cli.cleanup();
});

test('the build holds every source as .js, the worker and the assets, with no import left pointing at .ts', () => {
  const files = readdirSync(OUT, { recursive: true }).map(String);
  assert.ok(files.includes(join('cli', 'index.js')));
  assert.ok(files.includes(join('modules', 'documents', 'demo', 'corpus', 'work-plan-2020.zh-Hans.txt')), 'assets beside the code are copied');
  assert.ok(!files.some((f) => /\.test\.|\.tsx?$/.test(f)), 'no tests, no TypeScript');
  const worker = readFileSync(join(OUT, 'core/docs/extract-worker.mjs'), 'utf8');
  assert.match(worker, /import\("\.\/extract-task\.js"\)/);
  for (const f of files.filter((x) => x.endsWith('.js'))) {
    const text = readFileSync(join(OUT, f), 'utf8');
    assert.doesNotMatch(text, /(from|import\()\s*"\.{1,2}\/[^"]*\.tsx?"/, `${f} imports a .ts file`);
  }
  assert.equal(distIsFresh(ROOT, OUT), true);
});

test('--help loads commander and the command definitions only, and needs no database', async () => {
  // a database that cannot be reached and a data dir that does not exist: --help must not care
  const env = { ...cli.env, DATABASE_URL: 'postgres://127.0.0.1:1/unreachable', GONGKAI_DATA_DIR: join(cli.dir, 'no-such-dir') };
  const r = await run(join(OUT, 'cli/index.js'), ['--help'], env);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  assert.match(r.out, /^Usage: gongkai \[options\] \[command\]/);
  for (const name of ['migrate', 'seed', 'units', 'user', 'audit', 'config', 'workdays', 'deadline', ...GROUPS.map((g) => g.name)]) {
    assert.match(r.out, new RegExp(`^  ${name}\\b`, 'm'), `${name} is listed`);
  }
  assert.deepEqual([...packagesOf(r.loaded)], ['commander']);
  assert.deepEqual(projectFiles(r.loaded).sort(), ['cli/commands.js', 'cli/core.js', 'cli/extensions.js', 'cli/index.js', 'cli/kit.js', 'core/http/errors.js']);
});

test('a command loads its own module, not the others, nor the web server', async () => {
  const r = await built('report', '--help');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Usage: gongkai report/);
  assert.match(r.out, /^ {2}annual\b/m);
  const files = projectFiles(r.loaded);
  assert.ok(files.includes('modules/reports/cli.js'));
  for (const other of ['modules/documents/cli.js', 'modules/search/cli.js', 'modules/units/cli.js', 'modules/index.js', 'app.js']) assert.ok(!files.includes(other), `${other} not loaded`);
  const packages = packagesOf(r.loaded);
  for (const heavy of ['fastify', '@fastify/static', 'helmet']) assert.ok(!packages.has(heavy), `${heavy} not loaded`);
});

/** name → summary of the top-level commands in a help text (commander wraps long lines). */
function summaries(help: string): Map<string, string> {
  const m = new Map<string, string>();
  let last = '';
  for (const line of help.slice(help.indexOf('Commands:')).split('\n').slice(1)) {
    const entry = /^ {2}(\S+)(?: [^ ].*?)?  +(.*)$/.exec(line);
    if (entry) m.set((last = entry[1]), entry[2].trim());
    else if (last && line.trim()) m.set(last, `${m.get(last)} ${line.trim()}`);
  }
  return m;
}

test('the table of lazily loaded commands gives each the summary its module registers', async () => {
  const stubs = await built('--help');
  const real = await run(join(OUT, 'cli/index.js'), ['--help'], { ...cli.env, GONGKAI_CLI_LOAD_ALL: '1' });
  assert.equal(real.code, 0, real.err);
  const loaded = projectFiles(real.loaded);
  for (const f of ['cli/backup.js', 'modules/units/cli.js', 'modules/accounts/cli.js', 'modules/calendar/cli.js', 'modules/documents/cli.js', 'modules/requests/cli.js', 'modules/reports/cli.js', 'modules/search/cli.js']) assert.ok(loaded.includes(f), `${f} loaded`);
  const fromModules = summaries(real.out);
  const fromTable = summaries(stubs.out);
  for (const g of GROUPS) {
    assert.equal(fromTable.get(g.name), g.summary.replace(/\s+/g, ' '));
    assert.equal(g.summary, fromModules.get(g.name), `summary of ${g.name} in src/cli/commands.ts`);
  }
  assert.deepEqual([...fromTable.keys()], [...fromModules.keys()], 'the same commands in the same order');
});

test('every file that registers CLI commands is in the table (else its commands would never load)', () => {
  const table = readFileSync(join(ROOT, 'src/cli/commands.ts'), 'utf8');
  const registering = readdirSync(join(ROOT, 'src'), { recursive: true })
    .map(String)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && f !== join('cli', 'extensions.ts'))
    .filter((f) => readFileSync(join(ROOT, 'src', f), 'utf8').includes('CLI_EXTENSIONS.push('));
  assert.ok(registering.length >= 8, registering.join(', '));
  for (const f of registering) {
    const spec = f.startsWith(`cli${sep}`) ? `./${f.slice(4)}` : `../${f.split(sep).join('/')}`;
    assert.ok(table.includes(`import('${spec}')`), `src/${f} is loaded by src/cli/commands.ts`);
  }
});

test('the built CLI works on a database: migrates it on first use and lists its units', async () => {
  // one command only: creating and migrating the database is most of this file's time
  const l = await built('units', 'list', '--json');
  assert.equal(l.code, 0, l.err);
  assert.deepEqual(JSON.parse(l.out), []);
  assert.ok(projectFiles(l.loaded).includes('core/db/migrate.js'));
});

test('bin/gongkai.js from source (tsx) prints the same help as the build', async () => {
  const fromSrc = await run(join(ROOT, 'bin/gongkai.js'), ['--help'], { ...cli.env, GONGKAI_CLI_FROM: 'src' });
  const fromDist = await built('--help');
  assert.equal(fromSrc.code, 0, fromSrc.err);
  assert.equal(fromSrc.out, fromDist.out);
  assert.ok(projectFiles(fromDist.loaded).length > 0 && fromSrc.loaded.some((u) => u.endsWith('/src/cli/index.ts')), 'one ran dist, the other src');
});

test('dist is fresh only while the sources are as built: a new or changed source makes it stale, a changed test does not', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gk-fresh-'));
  try {
    for (const f of ['tsconfig.json', 'package.json', 'scripts/build.mjs', 'bin/fresh.js', 'src/a.ts', 'src/a.test.ts']) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), f === 'tsconfig.json' ? '{}' : f === 'package.json' ? '{"type":"module"}' : f === 'src/a.ts' ? 'export const a: number = 1;\n' : '');
    }
    const out = join(root, 'dist');
    assert.equal(distIsFresh(root, out), false, 'no build yet');
    await buildDist({ root, out });
    assert.equal(distIsFresh(root, out), true);
    assert.match(readFileSync(join(out, 'a.js'), 'utf8'), /\ba = 1;/);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'src/a.test.ts'), later, later);
    assert.equal(distIsFresh(root, out), true, 'a test file does not count');
    utimesSync(join(root, 'src/a.ts'), later, later);
    assert.equal(distIsFresh(root, out), false, 'a changed source');
    await buildDist({ root, out });
    assert.equal(distIsFresh(root, out), true);
    writeFileSync(join(root, 'src/b.ts'), 'export {};\n');
    utimesSync(join(root, 'src'), new Date(0), new Date(0)); // even when the folder's time says nothing
    assert.equal(distIsFresh(root, out), false, 'a new source');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the web server loads no DOCX, PDF, spreadsheet or chart library until a request needs one (issue #15.4)', async () => {
  // what `npm start` imports before it listens: boot, the app with every module's routes, the jobs
  const entry = join(cli.dir, 'server-imports.mjs');
  writeFileSync(entry, ['boot.js', 'app.js', 'core/jobs/index.js'].map((f) => `await import(${JSON.stringify(pathToFileURL(join(OUT, f)).href)});`).join('\n'));
  const r = await run(entry, []);
  assert.equal(r.code, 0, r.err);
  const packages = packagesOf(r.loaded);
  assert.ok(packages.has('fastify') && packages.has('kysely'), 'the server itself is loaded');
  for (const heavy of ['docx', 'pdfkit', 'write-excel-file', 'read-excel-file', 'echarts', 'pdfjs-dist']) assert.ok(!packages.has(heavy), `${heavy} is loaded at start`);
  assert.ok(!projectFiles(r.loaded).includes('core/docs/pdf.js') && !projectFiles(r.loaded).includes('core/docs/docx.js'), 'the renderers load on first use');
});
