/**
 * The CLI beside the running server (security audit F2, staff audit §3): the real server in a
 * child process on a fresh data dir (or a fresh PostgreSQL schema), CLI commands — reads and
 * writes, several at once — while it serves; a CLI change reaches the server's page cache at
 * once. On the embedded database also: a second server is refused with a clear message, and a
 * server killed with kill -9 leaves a data dir the CLI and the next server open normally.
 * On the old code every CLI command opened the data dir a second time (corrupting it, or
 * crashing with a 166 KB WASM dump) and a second server started on the same files.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../../test/helpers/cli.ts';
import { freePort, runServerOnce, startServer, type ServerProc } from '../../test/helpers/server.ts';
import { cachedPage } from '../../test/helpers/cached-page.ts';

const cli = cliSandbox('beside', { timeoutMs: 180_000 });
const { gk } = cli;
const CITY = '11211300MB01000014';
const onPglite = !process.env.TEST_DATABASE_URL;
let server: ServerProc;
const serverEnv = () => ({ ...cli.env, GONGKAI_WORKER: 'false', GONGKAI_ADMIN_PASSWORD: 'Gk-Demo-Passw0rd!' });

before(async () => {
  await cli.setup();
  server = await startServer(serverEnv());
});
after(async () => {
  await server?.stop();
  await cli.cleanup();
});

const titleOf = (html: string) => /<title>([^<]*?) - /.exec(html)?.[1];

test('read and write commands run beside the server; its cached pages follow a CLI import at once', { timeout: 600_000 }, async () => {
  const list = await gk('units', 'list', '--json');
  assert.equal(list.code, 0, list.err);
  assert.ok((JSON.parse(list.out) as { code: string }[]).some((u) => u.code === CITY));

  const user = await gk('user', 'create', '--username', 'beside.editor', '--unit', CITY, '--role', 'editor', '--password', 'Kettle-Harbor-93!');
  assert.equal(user.code, 0, user.err);
  const verify = await gk('audit', 'verify', '--json');
  assert.equal(verify.code, 0, verify.err);
  assert.equal((JSON.parse(verify.out) as { ok: boolean }).ok, true);

  // a published page of the city, cached by the server
  const column = await (await fetch(`${server.url}/u/chaoyang/xxgk/fdzdgknr/regulations-and-normative-documents`)).text();
  const path = /href="(\/u\/chaoyang\/doc\/\d+)"/.exec(column)?.[1];
  assert.ok(path, 'a document link in the column');
  const cached = await cachedPage(server.url + path);
  const title = titleOf(cached.text)!;
  assert.equal(cached.status, 304, 'the page is cached');

  const exportFile = join(cli.dir, 'city.jsonl');
  const exp = await gk('export', 'documents', '--unit', CITY, '--out', exportFile);
  assert.equal(exp.code, 0, exp.err);
  const line = readFileSync(exportFile, 'utf8').split('\n').find((l) => l && (JSON.parse(l) as { title: string }).title === title);
  assert.ok(line, `the export has "${title}"`);
  const changed = { ...JSON.parse(line), title: `${title}（命令行修订）` };
  const importFile = join(cli.dir, 'change.jsonl');
  writeFileSync(importFile, JSON.stringify(changed) + '\n');

  // the import runs while the server answers requests; other commands run at the same time
  const load = Promise.all(Array.from({ length: 30 }, (_, i) => fetch(`${server.url}/u/chaoyang/?i=${i}`).then((r) => r.status)));
  const [imp, verify2, list2, statuses] = await Promise.all([gk('import', 'documents', importFile), gk('audit', 'verify'), gk('units', 'list'), load]);
  assert.equal(imp.code, 0, imp.err);
  assert.match(imp.out, /1 updated/);
  assert.equal(verify2.code, 0, verify2.err);
  assert.equal(list2.code, 0, list2.err);
  assert.ok(statuses.every((s) => s === 200), statuses.join());

  const after1 = await fetch(server.url + path);
  assert.equal(after1.status, 200);
  assert.equal(titleOf(await after1.text()), `${title}（命令行修订）`, 'the cached page was dropped at once');

  assert.equal((await fetch(`${server.url}/readyz`)).status, 200, 'the server still serves');
});

test('a second server on the same data dir is refused with a clear message', { skip: !onPglite && 'PostgreSQL: several servers share one database by design (scale-out)', timeout: 180_000 }, async () => {
  const r = await runServerOnce({ ...serverEnv(), PORT: String(await freePort()) });
  assert.equal(r.code, 75, r.out);
  assert.match(r.out, /错误：数据目录 .* 正被 gongkai 服务（进程 \d+：web）使用/);
  assert.match(r.out, /Only one server can run on a data dir/);
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200, 'the first server is unharmed');
});

test('after kill -9 of the server the lock is stale: the CLI and the next server take it over', { skip: !onPglite && 'no lock on PostgreSQL', timeout: 600_000 }, async () => {
  const lockFile = join(cli.dir, 'gongkai.lock');
  const pid = (JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid;
  assert.equal(pid, server.child.pid);
  await server.kill9();
  assert.ok(existsSync(lockFile), 'kill -9 leaves the lock file behind');
  const v = await gk('audit', 'verify');
  assert.equal(v.code, 0, v.err);
  assert.match(v.out, /intact/);
  const list = await gk('units', 'list', '--json');
  assert.equal(list.code, 0, list.err);
  server = await startServer(serverEnv());
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  const list2 = await fetch(`${server.url}/u/chaoyang/xxgk/fdzdgknr/regulations-and-normative-documents`);
  assert.equal(list2.status, 200);
  assert.match(await list2.text(), /（命令行修订）/, 'the data written before the crash is there');
});
