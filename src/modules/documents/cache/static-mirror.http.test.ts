/**
 * Static publication through the app (GONGKAI_STATIC_DIR): a public page the portal caches is a
 * file with the very bytes gongkai sent, headers.conf carries its security headers, and a
 * withdrawal or a new publication deletes the files that showed the old state before the command
 * returns; a listening server renders its topics page at once, so headers.conf exists before nginx loads.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { updateDocument, withdrawDocument } from '../commands.ts';
import { publishedDocument, validInput } from '../store/fixtures.test-helper.ts';
import { pageCacheOf } from '../http/portal-routes.tsx';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const dir = mkdtempSync(join(tmpdir(), 'gk-static-http-'));
const pages = join(dir, 'pages');
const ctx = systemContext('test');

async function publish(title: string): Promise<number> {
  return publishedDocument(t.db.db, ctx, tree.bureau.id, validInput({ title, bodyHtml: `<p>${'依法公开的政府信息正文。'.repeat(100)}</p>` }));
}

before(async () => {
  t = await testApp({ GONGKAI_STATIC_DIR: dir });
  tree = await seedTree(t.db.db);
});
after(async () => t?.close());

test('a cached page is published as a file with the same bytes and headers, and withdrawn with the document', async () => {
  const id = await publish('静态发布测试文件');
  const url = `/u/bureau/doc/${id}`;
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200);
  const file = join(pages, 'u/bureau/doc', `${id}.page.html`);
  assert.equal(readFileSync(file, 'utf8'), res.body, 'the file is the page gongkai sent');
  const list = await t.app.inject({ url: '/topics/' });
  assert.equal(list.statusCode, 200);
  const listFile = join(pages, 'topics/.page.html');
  assert.equal(readFileSync(listFile, 'utf8'), list.body, 'a page at a folder path too');
  await pageCacheOf(t.app)!.compressed();
  assert.ok(existsSync(file + '.gz'));

  const conf = readFileSync(join(dir, 'headers.conf'), 'utf8');
  for (const h of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'permissions-policy', 'referrer-policy', 'cache-control', 'vary']) {
    const v = res.headers[h];
    assert.ok(v, `the page has ${h}`);
    assert.ok(conf.toLowerCase().includes(`add_header ${h} "${String(v).toLowerCase()}" always;`), `headers.conf repeats ${h}`);
  }

  // an English reader and a query string are not files: nginx passes them to gongkai
  await t.app.inject({ url, headers: { 'accept-language': 'en' } });
  await t.app.inject({ url: '/topics/?page=1' });
  assert.deepEqual(readdirSync(join(pages, 'u/bureau/doc')), [`${id}.page.html`, `${id}.page.html.gz`]);

  await withdrawDocument(t.db.db, ctx, id, '静态发布撤回测试');
  assert.equal(existsSync(file), false, 'withdrawn: the file is gone when the command returns');
  assert.equal(existsSync(file + '.gz'), false);
  assert.equal(existsSync(listFile), false, 'the lists that may show it too');
  assert.equal((await t.app.inject({ url })).statusCode, 410);
  assert.equal(existsSync(file), false, 'a 410 is not published');
});

test('a new publication deletes the lists that must show it, and an edit the page itself', async () => {
  const first = await publish('静态发布列表文件');
  await t.app.inject({ url: `/u/bureau/doc/${first}` });
  await t.app.inject({ url: '/topics/' });
  const listFile = join(pages, 'topics/.page.html');
  const docFile = join(pages, 'u/bureau/doc', `${first}.page.html`);
  assert.ok(existsSync(listFile) && existsSync(docFile));
  await publish('静态发布新文件');
  assert.equal(existsSync(listFile), false);
  assert.ok(existsSync(docFile), 'another document\'s page stays');
  await updateDocument(t.db.db, ctx, first, { title: '静态发布列表文件（修订）' }, { changeNote: '更正标题' });
  assert.equal(existsSync(docFile), false, 'an edit of the published document drops its file');
  assert.match((await t.app.inject({ url: `/u/bureau/doc/${first}` })).body, /（修订）/);
  assert.match(readFileSync(docFile, 'utf8'), /（修订）/, 'and the next view publishes the new version');
});

test('a listening server publishes a first page, and with it headers.conf, at once', async () => {
  const own = mkdtempSync(join(tmpdir(), 'gk-static-listen-'));
  const other = await testApp({ GONGKAI_STATIC_DIR: own });
  try {
    assert.equal(existsSync(join(own, 'headers.conf')), false);
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const topics = join(own, 'pages/topics/.page.html');
    for (let i = 0; i < 100 && !existsSync(topics); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(existsSync(topics), 'the topics page written after listen');
    assert.match(readFileSync(join(own, 'headers.conf'), 'utf8'), /add_header Content-Security-Policy/i);
  } finally {
    await other.close();
  }
});

test('a server that stops takes its published files with it', async () => {
  assert.ok(readdirSync(pages).length > 0);
  await t.app.close();
  assert.deepEqual(readdirSync(pages), [], 'nothing left for nginx to send while gongkai cannot delete it');
});
