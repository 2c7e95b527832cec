/**
 * Agency information end to end through the app: an editor drafts functions, a department and a
 * leader with a photo; nothing is public until a reviewer publishes; then the 机构职能 column, the
 * API and the photo show it; versions and their diff; unit scope and bad input.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { placeholderPhoto } from '../demo/agency.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t.close());

const COLUMN = '/u/bureau/xxgk/fdzdgknr/organisation';

async function signedIn(user: string) {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
}

function multipart(fields: Record<string, string>, photo?: Uint8Array) {
  const boundary = '----agency' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (photo) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`), Buffer.from(photo), Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function postLeader(c: Client, url: string, fields: Record<string, string>, photo?: Uint8Array) {
  const csrf = await c.csrf(`/admin/agency/${tree.bureau.id}/leaders/new`);
  const m = multipart({ _csrf: csrf, ...fields }, photo);
  return t.app.inject({ method: 'POST', url, payload: m.body, headers: { 'content-type': m.type, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

test('the editor drafts; nothing is public until the reviewer publishes; then column, API and photo show it', async () => {
  const editor = await signedIn('editor');
  const base = `/admin/agency/${tree.bureau.id}`;
  assert.equal((await editor.get('/admin/agency')).statusCode, 200);
  const f = await editor.submit(base, `${base}/functions`, { functions: '<p>负责全市司法行政工作。</p><script>alert(1)</script><p onclick="x()">指导律师工作。</p>' });
  assert.equal(f.statusCode, 303);
  assert.equal((await editor.submit(base, `${base}/departments`, { name: '公共法律服务科', functions: '负责公共法律服务体系建设。', phone: '0421-5550002', sort_order: '1' })).statusCode, 303);
  const photo = placeholderPhoto(1);
  const leader = await postLeader(editor, `${base}/leaders`, { name: '甄演示', title: '局长', duties: '主持全面工作。', cv: '1975年生。\n现任局长。', sort_order: '0' }, photo);
  assert.equal(leader.statusCode, 303, leader.body);

  // drafts are not public
  const before1 = await t.app.inject({ url: COLUMN });
  assert.equal(before1.statusCode, 200);
  assert.doesNotMatch(before1.body, /公共法律服务科/);
  assert.equal((await t.app.inject({ url: `/api/v1/units/${CODES.bureau}/agency` })).statusCode, 404);

  // the editor may not publish
  const refused = await editor.submit(base, `${base}/publish`, { note: '' });
  assert.equal(refused.statusCode, 403);

  const reviewer = await signedIn('reviewer');
  const page = await reviewer.get(base);
  assert.match(page.body, /尚未发布过/);
  assert.match(page.body, /内设机构：公共法律服务科/);
  const pub = await reviewer.submit(base, `${base}/publish`, { note: '首次发布' });
  assert.equal(pub.statusCode, 303);

  const col = await t.app.inject({ url: COLUMN });
  assert.match(col.body, /负责全市司法行政工作/);
  assert.match(col.body, /公共法律服务科/);
  assert.match(col.body, /甄演示/);
  assert.match(col.body, /0421-5550001/, 'contacts come from the unit registry');
  assert.doesNotMatch(col.body, /<script>alert|onclick/, 'rich text is sanitised');
  const src = /<img src="(\/u\/bureau\/agency\/photos\/\d+)"/.exec(col.body)?.[1];
  assert.ok(src, 'the leader photo is on the page');
  const img = await t.app.inject({ url: src });
  assert.equal(img.statusCode, 200);
  assert.equal(img.headers['content-type'], 'image/png');
  assert.deepEqual(new Uint8Array(img.rawPayload), photo);

  const api = await t.app.inject({ url: `/api/v1/units/${CODES.bureau}/agency` });
  assert.equal(api.statusCode, 200);
  const j = api.json() as { version: number; departments: { name: string }[]; leaders: { name: string; photo_url: string | null }[]; contact: { phone: string } };
  assert.equal(j.version, 1);
  assert.deepEqual(j.departments.map((d) => d.name), ['公共法律服务科']);
  assert.equal(j.leaders[0].name, '甄演示');
  assert.ok(j.leaders[0].photo_url?.endsWith(src));
  assert.equal(j.contact.phone, '0421-5550001');

  // publishing the same draft again is refused with the reason
  const again = await reviewer.submit(base, `${base}/publish`, { note: '' });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /与已发布的版本相同/);
});

test('a changed draft becomes version 2 with a diff; old photos stay with old versions; drafts stay private', async () => {
  const editor = await signedIn('editor');
  const reviewer = await signedIn('reviewer');
  const base = `/admin/agency/${tree.bureau.id}`;
  const edit = await editor.get(base);
  const leaderId = /\/leaders\/(\d+)"/.exec(edit.body)![1];
  const newPhoto = placeholderPhoto(3);
  assert.equal((await postLeader(editor, `${base}/leaders/${leaderId}`, { name: '甄演示', title: '局长', duties: '主持全面工作，分管政务公开。', cv: '', sort_order: '0' }, newPhoto)).statusCode, 303);
  // the draft photo is visible to its editors, not to the public
  const draft = await editor.get(`${base}/leaders/${leaderId}`);
  const draftPhoto = /src="\/admin\/agency\/\d+\/photos\/(\d+)"/.exec(draft.body)![1];
  assert.equal((await editor.get(`${base}/photos/${draftPhoto}`)).statusCode, 200);
  assert.equal((await t.app.inject({ url: `/u/bureau/agency/photos/${draftPhoto}` })).statusCode, 404, 'unpublished photo');
  assert.equal((await reviewer.submit(base, `${base}/publish`, { note: '职务分工调整' })).statusCode, 303);
  const v2 = await reviewer.get(`${base}/versions/2`);
  assert.equal(v2.statusCode, 200);
  assert.match(v2.body, /修改：领导：甄演示/);
  assert.match(v2.body, /职务分工调整/);
  assert.equal((await t.app.inject({ url: `/u/bureau/agency/photos/${draftPhoto}` })).statusCode, 200, 'published now');
  const v1 = await reviewer.get(`${base}/versions/1`);
  const oldSrc = /<img src="(\/u\/bureau\/agency\/photos\/\d+)"/.exec(v1.body)![1];
  assert.notEqual(oldSrc, `/u/bureau/agency/photos/${draftPhoto}`);
  assert.equal((await t.app.inject({ url: oldSrc })).statusCode, 200, 'version 1 keeps its photo');
  assert.equal((await reviewer.get(`${base}/versions/99`)).statusCode, 404);
});

test('bad input: 422 naming the field on the page, nothing stored; a fake image is refused', async () => {
  const editor = await signedIn('editor');
  const base = `/admin/agency/${tree.bureau.id}`;
  const r = await editor.submit(base, `${base}/departments`, { name: '', phone: 'call me', sort_order: 'x' });
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /请填写名称/);
  assert.match(r.body, /联系电话只能包含/);
  const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
  const bad = await postLeader(editor, `${base}/leaders`, { name: '乙', title: '副局长' }, svg);
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /照片须为 JPEG 或 PNG/);
  const draft = await editor.get(base);
  assert.doesNotMatch(draft.body, />乙</);
});

test('scope: another unit’s editor, the county admin and anonymous users cannot see or change the bureau’s draft', async () => {
  const county = await signedIn('countyadmin');
  const base = `/admin/agency/${tree.bureau.id}`;
  assert.equal((await county.get(base)).statusCode, 404);
  const list = await county.get('/admin/agency');
  assert.doesNotMatch(list.body, /测试市司法局/);
  assert.match(list.body, /测试县人民政府/);
  const token = await county.csrf(`/admin/agency/${tree.county.id}`);
  assert.equal((await county.post(`${base}/functions`, { _csrf: token, functions: '<p>篡改</p>' })).statusCode, 404);
  const handler = await signedIn('handler');
  assert.equal((await handler.get(base)).statusCode, 404, 'a case handler has no agency pages');
  const anon = await t.app.inject({ url: base });
  assert.notEqual(anon.statusCode, 200);
  const anonPost = await t.app.inject({ method: 'POST', url: `${base}/publish`, payload: 'note=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(anonPost.statusCode, 401);
  // the supervisor of the city reads but cannot edit
  const sup = await signedIn('supervisor');
  const page = await sup.get(base);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /action="\/admin\/agency\/\d+\/functions"/);
  const col = await t.app.inject({ url: COLUMN });
  assert.doesNotMatch(col.body, /篡改/);
});

test('API: unknown and malformed codes are 404; English column page', async () => {
  assert.equal((await t.app.inject({ url: `/api/v1/units/${CODES.other}/agency` })).statusCode, 404, 'never published');
  assert.equal((await t.app.inject({ url: '/api/v1/units/%00/agency' })).statusCode < 500, true);
  assert.equal((await t.app.inject({ url: '/api/v1/units/nope/agency' })).statusCode, 404);
  const en = await t.app.inject({ url: COLUMN, cookies: { lang: 'en' } });
  assert.match(en.body, /About the organisation/);
});
