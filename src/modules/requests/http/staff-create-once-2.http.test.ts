/**
 * More staff create forms carry a one-time key (#14.8, "idempotency on every create form"): the same
 * POST twice makes one record and both answers go to it; the same key with other content is refused.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createUser } from '../../accounts/commands/users.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { saveDecision } from '../../consultations/commands/editorial.ts';
import { countWhere, formKeys, postMultipart, twice } from './staff-create-once.test-helper.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  // a county editor: township catalogs are drafted from the county
  await createUser(t.db.db, systemContext('test'), { username: 'ceditor', display_name: 'ceditor', password: PASSWORD, unit_code: CODES.county, grants: [{ role: 'editor', unit_code: CODES.county }] });
});
after(async () => t?.close());

async function signedIn(username: string) {
  const c = new Client(t.app);
  await c.login(username, PASSWORD);
  return c;
}

/** Both answers go to the same place, the changed resend is 422, and one row was made. */
async function once(r: Awaited<ReturnType<typeof twice>>, rows: () => Promise<number>) {
  const [a, b, other] = r;
  assert.equal(a.statusCode, 303, a.body.slice(0, 400));
  assert.equal(b.statusCode, 303, b.body.slice(0, 400));
  assert.equal(b.headers.location, a.headers.location);
  assert.equal(other.statusCode, 422, 'the same key with other content');
  assert.equal(await rows(), 1);
  return String(a.headers.location);
}

test('权责清单: a year list and an item, each POSTed twice, are made once', async () => {
  const editor = await signedIn('editor');
  const listAt = await once(await twice(editor, '/admin/powers', '/admin/powers', { unit: String(tree.bureau.id), year: '2022' }),
    () => countWhere(t.db.db, 'power_lists', 'year', 2022));
  const listId = Number(/lists\/(\d+)/.exec(listAt)![1]);
  const item = { type: 'licensing', code: 'ONCE-1', name: '重复提交的权责事项', basis: '《某条例》第三条', subject: '测试市司法局', duties: '受理、审查、决定', accountability: '不依法受理的' };
  await once(await twice(editor, `/admin/powers/lists/${listId}/items/new`, `/admin/powers/lists/${listId}/items`, item),
    () => countWhere(t.db.db, 'power_items', 'name', '重复提交的权责事项'));
});

test('目录 (catalogs): a catalog and a row, each POSTed twice, are made once', async () => {
  const ed = await signedIn('ceditor');
  const catAt = await once(await twice(ed, '/admin/catalogs', '/admin/catalogs', { unit: String(tree.town.id), area: '20', year: '2021' }),
    () => countWhere(t.db.db, 'catalogs', 'year', 2021));
  const catId = Number(/catalogs\/(\d+)/.exec(catAt)![1]);
  const row = { seq: '1', item1: '补贴政策', content: '补贴对象、标准', basis: '《中华人民共和国农业法》', deadline: '20个工作日内', subject: '某镇人民政府', channels: 'website', audiences: 'group', modes: 'proactive', levels: 'township', item2: '重复提交的目录事项' };
  await once(await twice(ed, `/admin/catalogs/${catId}/rows/new`, `/admin/catalogs/${catId}/rows`, row),
    () => countWhere(t.db.db, 'catalog_rows', 'item2', '重复提交的目录事项'));
});

test('机构信息 (agency): a department and a leader, each POSTed twice, are added once', async () => {
  const editor = await signedIn('editor');
  const base = `/admin/agency/${tree.bureau.id}`;
  const to = await once(await twice(editor, `${base}/departments/new`, `${base}/departments`, { phone: '0421-5550002', sort_order: '1', functions: '负责公共法律服务体系建设。', name: '重复提交的内设机构' }),
    () => countWhere(t.db.db, 'agency_departments', 'name', '重复提交的内设机构'));
  assert.match(to, new RegExp(`^${base}\\?done=item`));
  await once(await twice(editor, `${base}/leaders/new`, `${base}/leaders`, { title: '局长', duties: '主持全面工作。', cv: '1975年生。', sort_order: '0', name: '重复提交的领导' }),
    () => countWhere(t.db.db, 'agency_leaders', 'name', '重复提交的领导'));
});

test('意见征集: a consultation under a decision and a hearing under it, each POSTed twice, are made once', async () => {
  const editor = await signedIn('editor');
  const today = shanghaiDate();
  const d = await saveDecision(t.db.db, systemContext('test'), { id: null, unitId: tree.bureau.id }, { year: today.slice(0, 4), title: '重复提交测试的决策', undertaker: '测试市司法局' });
  const k = { draft_html: '<p>第一条 草案正文。</p>', explanation_html: '<p>起草说明。</p>', opens_on: today, closes_on: addDays(today, 30), title: '重复提交的征求意见' };
  const at = await once(await twice(editor, `/admin/consultations/decisions/${d}/new`, `/admin/consultations/decisions/${d}/consultations`, k),
    () => countWhere(t.db.db, 'consultations', 'title', '重复提交的征求意见'));
  const kid = Number(/consultations\/(\d+)/.exec(at)![1]);
  const h = { held_on: addDays(today, 20), held_time: '09:30', signup_closes_on: addDays(today, 10), seats: '3', selection_method: '按报名先后', place: '重复提交的听证地点' };
  await once(await twice(editor, `/admin/consultations/${kid}`, `/admin/consultations/${kid}/hearings`, h),
    () => countWhere(t.db.db, 'hearings', 'place', '重复提交的听证地点'));
});

test('访谈: a transcript entry POSTed twice is added once', async () => {
  const editor = await signedIn('editor');
  const event = { kind: 'interview', topic: '法律援助', starts_at: `${addDays(shanghaiDate(), 5)}T15:00`, place: '网站直播间', guests: '赵律|副局长|测试市司法局', videos: '', title: '实录重复提交测试' };
  const made = await editor.submit(`/admin/interviews/new?unit=${tree.bureau.id}`, `/admin/interviews?unit=${tree.bureau.id}`, event);
  assert.equal(made.statusCode, 303, made.body.slice(0, 300));
  const id = Number(/interviews\/(\d+)/.exec(String(made.headers.location))![1]);
  await once(await twice(editor, `/admin/interviews/${id}`, `/admin/interviews/${id}/entries`, { entry_kind: 'answer', speaker: '赵律', question_id: '', entry_html: '<p>重复提交的实录</p>' }),
    () => countWhere(t.db.db, 'interview_entries', 'interview_id', id));
});

test('培训: the same attendance list POSTed twice is recorded once', async () => {
  const sup = await signedIn('supervisor');
  const made = await sup.submit('/admin/training', '/admin/training', { unit: String(tree.city.id), held_on: '2020-06-20', organiser: '公开科', hours: '2', topic: '参训名单重复提交测试' });
  assert.equal(made.statusCode, 303, made.body.slice(0, 300));
  const id = Number(/training\/(\d+)/.exec(String(made.headers.location))![1]);
  await once(await twice(sup, `/admin/training/${id}`, `/admin/training/${id}/attendance`, { unit: String(tree.bureau.id), names: '张重复\n李重复' }),
    () => countWhere(t.db.db, 'training_attendance', 'training_id', id).then((n) => n / 2)); // two names: one list recorded
});

test('API 令牌: the same create form POSTed twice makes one token, and the secret is not shown again', async () => {
  const editor = await signedIn('editor');
  const [a, b, other] = await twice(editor, '/admin/tokens', '/admin/tokens', { expiresInDays: '30', name: '重复提交的令牌' });
  assert.equal(a.statusCode, 200, a.body.slice(0, 300));
  const secret = /gk_[A-Za-z0-9_-]{16,}/.exec(a.body)?.[0];
  assert.ok(secret, 'the first answer shows the new token');
  assert.equal(b.statusCode, 303);
  assert.equal(b.headers.location, '/admin/tokens?done=again');
  const list = await editor.get(String(b.headers.location));
  assert.match(list.body, /令牌已创建/);
  assert.ok(!list.body.includes(secret), 'the secret is shown only once');
  assert.equal(other.statusCode, 422, 'the same key with other content');
  assert.equal(await countWhere(t.db.db, 'api_tokens', 'name', '重复提交的令牌'), 1);
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('媒体库: the same upload POSTed twice stores one file; the same key with another file is refused', async () => {
  const editor = await signedIn('editor');
  const { csrf, token } = formKeys((await editor.get('/admin/media-library')).body);
  const send = (data: Buffer) => postMultipart(t, editor, '/admin/media-library', { _csrf: csrf, form_token: token, unit: String(tree.bureau.id), name: '重复上传的图片', alt: '测试图片' }, { name: 'file', filename: 'a.png', type: 'image/png', data });
  const a = await send(PNG);
  const b = await send(PNG);
  assert.equal(a.statusCode, 303, a.body.slice(0, 300));
  assert.equal(b.statusCode, 303);
  assert.equal(b.headers.location, a.headers.location);
  assert.equal((await send(Buffer.concat([PNG, Buffer.from([0])]))).statusCode, 422, 'the same key with another file');
  assert.equal(await countWhere(t.db.db, 'library_items', 'name', '重复上传的图片'), 1);
});

test('访谈: a photo upload POSTed twice is added once', async () => {
  const editor = await signedIn('editor');
  const event = { kind: 'interview', topic: '法律援助', starts_at: `${addDays(shanghaiDate(), 6)}T15:00`, place: '网站直播间', guests: '赵律|副局长|测试市司法局', videos: '', title: '图片重复提交测试' };
  const made = await editor.submit(`/admin/interviews/new?unit=${tree.bureau.id}`, `/admin/interviews?unit=${tree.bureau.id}`, event);
  const id = Number(/interviews\/(\d+)/.exec(String(made.headers.location))![1]);
  const html = (await editor.get(`/admin/interviews/${id}`)).body;
  const token = /action="\/admin\/interviews\/\d+\/photos"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]+"\s*\/?>\s*<input type="hidden" name="form_token" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, 'the photo form carries its own one-time key');
  const send = (caption: string) => postMultipart(t, editor, `/admin/interviews/${id}/photos`, { _csrf: formKeys(html).csrf, form_token: token, caption }, { name: 'photo', filename: 'a.png', type: 'image/png', data: PNG });
  const a = await send('访谈现场');
  const b = await send('访谈现场');
  assert.equal(a.statusCode, 303, a.body.slice(0, 300));
  assert.equal(b.headers.location, a.headers.location);
  assert.equal((await send('另一内容')).statusCode, 422);
  assert.equal(await countWhere(t.db.db, 'interview_photos', 'interview_id', id), 1);
});
