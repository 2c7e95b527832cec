/**
 * The media library through the app (issue #13 item 6): upload with CSRF and checks by content, 422
 * in the user's language with nothing stored, the editor's picker JSON scoped to the user's units,
 * another unit's staff cannot see or delete, delete refused (409) while a document body uses the
 * file, public serving with safe headers only while the unit is active, audited commands.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createDocument, updateDocument } from '../../documents/commands.ts';
import { storedPath } from '../../documents/store/attachments.ts';
import { validInput } from '../../documents/store/fixtures.test-helper.ts';

// a 1×1 PNG: the type is read from the bytes
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const HTML_AS_PNG = Buffer.from('<html><script>alert(1)</script></html>');

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const editor = () => new Client(t.app);

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t?.close());

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type: string }) {
  const boundary = '----gongkai' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}
const cookie = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
async function upload(c: Client, fields: Record<string, string>, file?: { name: string; data: Buffer; type: string }, lang = 'zh-CN') {
  const csrf = fields._csrf ?? await c.csrf('/admin/media-library');
  const m = multipart({ ...fields, _csrf: csrf }, file);
  return t.app.inject({ method: 'POST', url: '/admin/media-library', payload: m.body, headers: { 'content-type': m.type, cookie: cookie(c), 'accept-language': lang } });
}
const count = async () => Number((await t.db.db.selectFrom('library_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const audits = async (action: string) => t.db.db.selectFrom('audit_log').select(['subject_id', 'summary']).where('action', '=', action).execute();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function signedIn(username: string) {
  const c = editor();
  await c.login(username, PASSWORD);
  return c;
}

test('upload: an image with its alt text is stored, listed, audited; the nav links the library', async () => {
  const c = await signedIn('editor');
  const page = await c.get('/admin/media-library');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<a href="\/admin\/media-library" aria-current="page">媒体库<\/a>/);
  assert.match(page.body, /enctype="multipart\/form-data" data-dropzone="1"/);
  const r = await upload(c, { unit: String(tree.bureau.id), name: '法治宣传月海报', alt: '法治宣传月活动海报，蓝色背景配天平图案' }, { name: 'poster.png', data: PNG, type: 'image/png' });
  assert.equal(r.statusCode, 303, r.body);
  assert.equal(r.headers.location, '/admin/media-library?done=uploaded');
  const row = await t.db.db.selectFrom('library_items').selectAll().executeTakeFirstOrThrow();
  assert.deepEqual([row.unit_id, row.kind, row.mime, row.name, row.filename, row.size], [tree.bureau.id, 'png', 'image/png', '法治宣传月海报', 'poster.png', PNG.length]);
  assert.match(row.key, /^[0-9a-f]{24}\.png$/);
  assert.ok(existsSync(storedPath(t.cfg.dataDir, sha(PNG))), 'stored where document attachments are');
  const list = await c.get('/admin/media-library?kind=image&q=海报');
  assert.match(list.body, /法治宣传月海报/);
  assert.match(list.body, new RegExp(`<img src="/library/${row.key.replace('.', '\\.')}"`));
  assert.doesNotMatch((await c.get('/admin/media-library?kind=pdf')).body, /法治宣传月海报/, 'kind filter');
  const [a] = await audits('library.upload');
  assert.equal(a.subject_id, String(row.id));
  assert.equal((typeof a.summary === 'string' ? JSON.parse(a.summary) : a.summary as { sha256: string }).sha256, sha(PNG));
});

test('bad uploads: 422 with the fields named in zh-CN or en, nothing stored', async () => {
  const c = await signedIn('editor');
  const before = await count();
  const noAlt = await upload(c, { unit: String(tree.bureau.id), name: '无替代文本', alt: '' }, { name: 'chart.png', data: PNG, type: 'image/png' });
  assert.equal(noAlt.statusCode, 422);
  assert.match(noAlt.body, /请为图片填写替代文本/);
  assert.match(noAlt.body, /value="无替代文本"/, 'the form keeps what was typed');
  const en = await upload(c, { unit: String(tree.bureau.id), alt: '' }, { name: 'chart.png', data: PNG, type: 'image/png' }, 'en');
  assert.equal(en.statusCode, 422);
  assert.match(en.body, /Describe the image for screen-reader users/);
  const fake = await upload(c, { unit: String(tree.bureau.id), alt: '一张图' }, { name: 'evil.png', data: HTML_AS_PNG, type: 'image/png' });
  assert.equal(fake.statusCode, 422);
  assert.match(fake.body, /内容是/);
  assert.ok(!existsSync(storedPath(t.cfg.dataDir, sha(HTML_AS_PNG))), 'the refused file is not stored');
  const exe = await upload(c, { unit: String(tree.bureau.id) }, { name: 'setup.exe', data: Buffer.from('MZ\x90\x00'), type: 'application/octet-stream' });
  assert.equal(exe.statusCode, 422);
  assert.match(exe.body, /不允许上传 \.exe 文件/);
  const none = await upload(c, { unit: String(tree.bureau.id), name: 'x' });
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /请选择要上传的文件/);
  assert.equal(await count(), before, 'nothing stored');
  assert.equal((await audits('library.upload')).length, 1, 'refusals are not uploads');
});

test('CSRF: a wrong token is refused (403) and nothing is stored; another unit cannot be chosen', async () => {
  const c = await signedIn('editor');
  const before = await count();
  const r = await upload(c, { _csrf: 'not-the-token', unit: String(tree.bureau.id), alt: '图' }, { name: 'a.png', data: PNG, type: 'image/png' });
  assert.equal(r.statusCode, 403);
  const other = await upload(c, { unit: String(tree.other.id), alt: '卫健委的图' }, { name: 'a.png', data: PNG, type: 'image/png' });
  assert.equal(other.statusCode, 403, 'library.use on the chosen unit');
  assert.equal(await count(), before);
});

test('picker JSON and scope: the own unit\'s items; another unit\'s staff see none and get 404 on the item', async () => {
  const c = await signedIn('editor');
  const up = await upload(c, { unit: String(tree.bureau.id), name: '年度报告', alt: '' }, { name: 'report.pdf', data: PDF, type: 'application/pdf' });
  assert.equal(up.statusCode, 303, up.body);
  const img = await t.db.db.selectFrom('library_items').select(['id', 'key', 'alt']).where('kind', '=', 'png').executeTakeFirstOrThrow();
  const j = await c.get('/admin/media-library?format=json&kind=image', { accept: 'application/json' });
  assert.equal(j.statusCode, 200);
  assert.match(String(j.headers['content-type']), /application\/json/);
  const items = j.json().items as { url: string; name: string; alt?: string }[];
  assert.deepEqual(items.map((i) => [i.url, i.name, i.alt]), [[`/library/${img.key}`, '法治宣传月海报', img.alt]], 'images only');
  assert.equal((await c.get('/admin/media-library?format=json', { accept: 'application/json' })).json().items.length, 2);

  const county = await signedIn('countyadmin'); // unit_admin of a county: not above the bureau
  assert.deepEqual((await county.get('/admin/media-library?format=json&kind=image', { accept: 'application/json' })).json().items, []);
  assert.doesNotMatch((await county.get('/admin/media-library')).body, /法治宣传月海报/);
  assert.equal((await county.get(`/admin/media-library/${img.id}`)).statusCode, 404);
  const del = await county.submit('/admin/media-library', `/admin/media-library/${img.id}/delete`, {});
  assert.equal(del.statusCode, 404);
  const edit = await county.submit('/admin/media-library', `/admin/media-library/${img.id}`, { name: '改名', alt: '改' });
  assert.equal(edit.statusCode, 404);

  const sup = await signedIn('supervisor'); // supervisors have no library (domain/rules.ts)
  assert.equal((await sup.get('/admin/media-library')).statusCode, 403);
  assert.doesNotMatch((await sup.get('/admin')).body, /href="\/admin\/media-library"/);
  const admin = await signedIn('sysadmin');
  assert.equal((await admin.get('/admin/media-library?format=json', { accept: 'application/json' })).json().items.length, 2, 'system admin: every unit');
});

test('edit: alt text required for an image (422), then saved and audited', async () => {
  const c = await signedIn('editor');
  const img = await t.db.db.selectFrom('library_items').select(['id']).where('kind', '=', 'png').executeTakeFirstOrThrow();
  const bad = await c.submit(`/admin/media-library/${img.id}`, `/admin/media-library/${img.id}`, { name: '海报', alt: ' ' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /请为图片填写替代文本/);
  const ok = await c.submit(`/admin/media-library/${img.id}`, `/admin/media-library/${img.id}`, { name: '法治宣传月海报（定稿）', alt: '法治宣传月活动海报：天平与宪法读本' });
  assert.equal(ok.statusCode, 303);
  const row = await t.db.db.selectFrom('library_items').select(['name', 'alt', 'updated_by']).where('id', '=', img.id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { name: '法治宣传月海报（定稿）', alt: '法治宣传月活动海报：天平与宪法读本', updated_by: 'editor' });
  assert.equal((await audits('library.update')).length, 1);
});

test('delete is refused (409) while a document body uses the file; the page shows where; allowed once unused', async () => {
  const c = await signedIn('editor');
  const img = await t.db.db.selectFrom('library_items').select(['id', 'key']).where('kind', '=', 'png').executeTakeFirstOrThrow();
  const sys = systemContext('test');
  const d = await createDocument(t.db.db, sys, tree.bureau.id, validInput({ title: '引用海报的通知', bodyHtml: `<p>活动海报：</p><p><img src="/library/${img.key}" alt="海报"></p>` }));
  await createDocument(t.db.db, sys, tree.other.id, validInput({ title: '卫健委引用的文件', bodyHtml: `<p><a href="/library/${img.key}">海报</a></p>` }));
  const page = await c.get(`/admin/media-library/${img.id}`);
  assert.match(page.body, new RegExp(`<a href="/admin/documents/${d.document.id}">引用海报的通知</a>`));
  assert.doesNotMatch(page.body, /卫健委引用的文件/, 'another unit\'s title is not shown');
  assert.match(page.body, /另有 1 篇其他单位的文件/);
  const refused = await c.submit(`/admin/media-library/${img.id}`, `/admin/media-library/${img.id}/delete`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /仍被 2 篇文件的正文引用，不能删除/);
  assert.ok(await t.db.db.selectFrom('library_items').select('id').where('id', '=', img.id).executeTakeFirst(), 'still there');
  const en = await t.app.inject({ method: 'POST', url: `/admin/media-library/${img.id}/delete`, payload: `_csrf=${encodeURIComponent(await c.csrf('/admin/media-library'))}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(c), 'accept-language': 'en' } });
  assert.equal(en.statusCode, 409);
  assert.match(en.body, /still use this file, so it cannot be deleted/);

  const pdf = await t.db.db.selectFrom('library_items').select(['id']).where('kind', '=', 'pdf').executeTakeFirstOrThrow();
  const ok = await c.submit(`/admin/media-library/${pdf.id}`, `/admin/media-library/${pdf.id}/delete`, {});
  assert.equal(ok.statusCode, 303);
  assert.equal((await audits('library.delete')).length, 1);
  // the body no longer shows the image: only the other unit's link remains
  await updateDocument(t.db.db, sys, d.document.id, validInput({ title: '引用海报的通知', bodyHtml: '<p>海报已撤下。</p>' }));
  assert.match((await c.get(`/admin/media-library/${img.id}`)).body, /另有 1 篇其他单位的文件/);
});

test('public file: correct type, nosniff, safe name, caching and 304; 404 when the unit is inactive or the key unknown', async () => {
  const img = await t.db.db.selectFrom('library_items').select(['key']).where('kind', '=', 'png').executeTakeFirstOrThrow();
  const r = await t.app.inject({ method: 'GET', url: `/library/${img.key}` });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'image/png');
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.match(String(r.headers['content-disposition']), /^inline; filename="[^"]*\.png"; filename\*=UTF-8''%E6%B3%95/);
  assert.equal(r.headers['cache-control'], 'public, max-age=86400');
  assert.equal(r.rawPayload.length, PNG.length);
  const again = await t.app.inject({ method: 'GET', url: `/library/${img.key}`, headers: { 'if-none-match': String(r.headers.etag) } });
  assert.equal(again.statusCode, 304);
  assert.equal((await t.app.inject({ method: 'GET', url: '/library/0123456789abcdef01234567.png' })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: '/library/..%2f..%2fetc%2fpasswd' })).statusCode, 404);
  await t.db.db.updateTable('units').set({ active: false }).where('id', '=', tree.bureau.id).execute();
  try {
    assert.equal((await t.app.inject({ method: 'GET', url: `/library/${img.key}` })).statusCode, 404);
  } finally {
    await t.db.db.updateTable('units').set({ active: true }).where('id', '=', tree.bureau.id).execute();
  }
});
