/**
 * Scale-out (issue #15 item 5): two real app processes on one PostgreSQL schema.
 *  - a sign-in on node A is valid on node B (sessions live in the database);
 *  - a withdrawal on A drops B's cached page at once (LISTEN/NOTIFY, documents/cache/peers.ts), and so do
 *    an edit (B's document page and column list show the new title) and a publication (B's column
 *    list shows the new document);
 *  - background jobs run once per interval across both nodes (job_runs claims, core/jobs): on the
 *    old code each node ran every job on its own timer (advisory locks taken at different moments
 *    never met), so a job ran about twice per interval.
 * The embedded database is one process by design (core/db/lock.ts): this file needs PostgreSQL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { cliSandbox } from '../../../test/helpers/cli.ts';
import { startServer, type ServerProc } from '../../../test/helpers/server.ts';
import { randomBytes } from 'node:crypto';
import { cachedPage } from '../../../test/helpers/cached-page.ts';

const onPostgres = !!process.env.TEST_DATABASE_URL;
const box = cliSandbox('scale', { timeoutMs: 180_000 });
Object.assign(box.env, { SESSION_SECRET: randomBytes(32).toString('base64url'), GONGKAI_PII_KEY: randomBytes(32).toString('base64'), GONGKAI_ADMIN_PASSWORD: 'Gk-Demo-Passw0rd!' });
let a: ServerProc;
let b: ServerProc;

before(async () => {
  if (!onPostgres) return;
  await box.setup();
  a = await startServer(box.env); // seeds the demo city
  b = await startServer(box.env);
});
after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  if (onPostgres) await box.cleanup();
});

/** fetch with a cookie jar */
function browser() {
  const jar = new Map<string, string>();
  return async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
}

const skip = !onPostgres && 'needs TEST_DATABASE_URL: several app processes share one PostgreSQL database';

test('a sign-in on one node is valid on the other', { skip, timeout: 120_000 }, async () => {
  const go = browser();
  const form = await (await go(`${a.url}/admin/login`)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1];
  assert.ok(csrf);
  const login = await go(`${a.url}/admin/login`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, next: '/admin', username: 'admin', password: 'Gk-Demo-Passw0rd!' }).toString(),
  });
  assert.equal(login.status, 303);
  const onB = await go(`${b.url}/admin`);
  assert.equal(onB.status, 200, 'the session made on A opens the console on B');
  assert.match(await onB.text(), /管理后台|admin/i);
  const anonymous = await fetch(`${b.url}/admin`, { redirect: 'manual' });
  assert.notEqual(anonymous.status, 200, 'and without it B asks to sign in');
});

test('a withdrawal on one node drops the other node’s cached page at once', { skip, timeout: 300_000 }, async () => {
  const column = await (await fetch(`${b.url}/u/chaoyang/xxgk/fdzdgknr/regulations-and-normative-documents`)).text();
  const id = /href="\/u\/chaoyang\/doc\/(\d+)"/.exec(column)?.[1];
  assert.ok(id);
  const page = `${b.url}/u/chaoyang/doc/${id}`;
  const cached = await cachedPage(page);
  assert.equal(cached.status, 304, 'B has the page cached');
  const tok = await box.gk('token', 'create', '--user', 'admin', '--name', 'scale-out test');
  assert.equal(tok.code, 0, tok.err);
  const w = await fetch(`${a.url}/api/v1/documents/${id}/withdraw`, {
    method: 'POST', headers: { authorization: `Bearer ${tok.out.trim()}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: '测试：多节点缓存' }),
  });
  assert.ok(w.status < 300, `withdraw on A: ${w.status} ${await w.text()}`);
  let after = await fetch(page);
  for (let i = 0; i < 20 && after.status === 200; i++) {
    await new Promise((r) => setTimeout(r, 100)); // NOTIFY is asynchronous: well under a second
    after = await fetch(page);
  }
  assert.notEqual(after.status, 200, 'B no longer serves the withdrawn document');
  assert.match(await after.text(), /撤回|withdrawn/);
});

test('an edit and a publication on one node show on the other node at once', { skip, timeout: 300_000 }, async () => {
  const list = `${b.url}/u/chaoyang/xxgk/fdzdgknr/regulations-and-normative-documents`;
  const id = /href="\/u\/chaoyang\/doc\/(\d+)"/.exec(await (await fetch(list)).text())?.[1];
  assert.ok(id);
  const page = `${b.url}/u/chaoyang/doc/${id}`;
  for (const url of [page, list]) {
    // a render that overlaps a change (the jobs' first runs just after start) is not stored: ask again
    assert.equal((await cachedPage(url)).status, 304, `B has ${url} cached`);
  }
  const tok = await box.gk('token', 'create', '--user', 'admin', '--name', 'scale-out edit test');
  assert.equal(tok.code, 0, tok.err);
  const api = (path: string, method: string, body?: unknown) => fetch(`${a.url}/api/v1/documents${path}`, {
    method, headers: { authorization: `Bearer ${tok.out.trim()}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  /** B's answer once it shows `text` (NOTIFY is asynchronous: well under a second), else its last one */
  const onB = async (url: string, text: string) => {
    let body = '';
    for (let i = 0; i < 30; i++) {
      body = await (await fetch(url)).text();
      if (body.includes(text)) return body;
      await new Promise((r) => setTimeout(r, 100));
    }
    return body;
  };

  // an edit of the published document on A: B's cached document page and column list follow
  const doc = (await (await fetch(`${a.url}/api/v1/documents/${id}`)).json()) as { title: string; unit: { code: string } };
  const title = `${doc.title}（多节点修订）`;
  const edit = await api(`/${id}`, 'PATCH', { title, changeNote: '测试：多节点缓存' });
  assert.equal(edit.status, 200, await edit.text());
  assert.ok((await onB(page, title)).includes(title), 'B shows the edited title on the document page');
  assert.ok((await onB(list, title)).includes(title), 'and in the column list');

  // a publication on A: the new document is in B's cached column list
  const fresh = '多节点缓存测试：新公开的规范性文件';
  const created = await api('', 'POST', {
    unit: doc.unit.code, title: fresh, summary: '测试多节点缓存失效。', docType: 'notice', legalForm: 'none', writtenDate: '2020-08-25', topic: '1603',
    source: '朝阳市', disclosure: 'proactive', bodyHtml: '<p>测试正文。</p>', columns: ['regulations-and-normative-documents'],
  });
  assert.equal(created.status, 201, await created.clone().text());
  const newId = ((await created.json()) as { data: { id: number } }).data.id;
  for (const [step, body] of [['submit', undefined], ['review', { confidentialityChecked: true, personalInfoChecked: true }], ['publish', { lateReason: '历史文件补录公开' }]] as const) {
    const r = await api(`/${newId}/${step}`, 'POST', body ?? {});
    assert.equal(r.status, 200, `${step}: ${await r.text()}`);
  }
  assert.ok((await onB(list, fresh)).includes(fresh), 'B lists the document published on A');
});

test('each background job runs once per interval across both nodes', { skip, timeout: 300_000 }, async () => {
  const c = new pg.Client({ connectionString: box.databaseUrl! });
  await c.connect();
  try {
    const runs = async () => Object.fromEntries((await c.query<{ name: string; runs: string; last_node: string }>('select name, runs from job_runs')).rows.map((r) => [r.name, Number(r.runs)]));
    // both nodes have been up for a while: each started every job 2 s after its start
    await new Promise((r) => setTimeout(r, 3000));
    const t0 = await runs();
    for (const name of ['sessions.purge', 'requests.reminders', 'documents.validity']) {
      assert.equal(t0[name], 1, `${name} (hourly or slower) ran once, not once per node`);
    }
    const start = Date.now();
    await new Promise((r) => setTimeout(r, 22_000));
    const t1 = await runs();
    const seconds = (Date.now() - start) / 1000;
    const catchUp = t1['search.catch-up'] - t0['search.catch-up'];
    // every 5 s, claims at least 4.375 s apart: at most ⌈22/4.375⌉ = 6 runs in the window, about
    // twice that if both nodes ran it on their own timers
    assert.ok(catchUp >= 2 && catchUp <= Math.ceil(seconds / 4.375), `search.catch-up ran ${catchUp} times in ${seconds.toFixed(1)} s`);
    assert.ok(t1['documents.publish_due'] - t0['documents.publish_due'] <= 1, 'the minutely job at most once in 22 s');
    for (const name of ['sessions.purge', 'requests.reminders', 'documents.validity']) assert.equal(t1[name], 1, name);
    const nodes = await c.query<{ n: number }>('select count(distinct last_node)::int as n from job_runs');
    assert.ok(nodes.rows[0].n >= 1);
  } finally {
    await c.end();
  }
});
