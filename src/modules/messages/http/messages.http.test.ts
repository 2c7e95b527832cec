/**
 * Through the app: ask (guard, validation in zh/en naming the field, nothing stored; per-contact
 * limit), tracking number + query code → status page, staff answer and publish, the public page and
 * API without personal data, scope (another unit's staff get 404), overdue list and dashboard queue,
 * transfer, and the asker's data encrypted at rest.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { ANTISPAM } from '../../../core/http/antispam.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { submitMessage, CONTACT_LIMIT } from '../commands/public.ts';
import { ASK_RATE } from './public.tsx';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const minFill = ANTISPAM.minFillMs;
const PHONE = '13712345678';
const NAME = '欧阳明远';

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  ANTISPAM.minFillMs = 0;
});
after(async () => {
  ANTISPAM.minFillMs = minFill;
  await t.close();
});

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function guardOf(html: string) {
  const token = /name="guard_token" value="([^"]+)"/.exec(html)![1];
  const q = /([零一二三四五六七八九十])加([零一二三四五六七八九十])等于几/.exec(html);
  const en = /What is (\d) plus (\d)\?/.exec(html)!;
  return { guard_token: token, guard_answer: String(q ? ZH.indexOf(q[1]) + ZH.indexOf(q[2]) : Number(en[1]) + Number(en[2])) };
}
async function form(c: Client, slug = 'bureau', headers: Record<string, string> = {}) {
  const page = await c.get(`/u/${slug}/messages`, headers);
  assert.equal(page.statusCode, 200);
  return { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1], ...guardOf(page.body) };
}
const count = async () => Number((await t.db.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const GOOD = { category: 'policy', subject: '法律援助的申请条件', body: `我叫${NAME}，电话${PHONE}，想咨询法律援助的经济困难标准。`, name: NAME, contact: PHONE, consent: 'yes' };

let tracking = '';
let code = '';
let id = 0;

test('asking: the guard and validation refuse with 4xx naming the field, keep what was typed and store nothing; then a tracking number', async () => {
  const c = new Client(t.app, '10.0.8.1');
  const list = await c.get('/u/bureau/messages');
  assert.match(list.body, /等于几/);
  assert.match(list.body, /class="hp" aria-hidden="true"/);
  assert.match(list.body, /5 个工作日内答复/);
  const before = await count();

  let f = await form(c);
  const honey = await c.post('/u/bureau/messages', { ...f, website: 'http://spam.example', ...GOOD });
  assert.equal(honey.statusCode, 400);
  f = await form(c);
  const bad = await c.post('/u/bureau/messages', { ...f, category: 'policy', subject: '', body: GOOD.body, contact: 'not-a-phone' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /请填写标题/);
  assert.match(bad.body, /联系方式须为有效的手机号码/);
  assert.match(bad.body, /法律援助的经济困难标准/, 'what was typed is kept');
  const en = await form(c, 'bureau', { 'accept-language': 'en' });
  const badEn = await c.post('/u/bureau/messages', { ...en, category: '', subject: 'Hi', body: 'A question in English.', contact: PHONE }, { 'accept-language': 'en' });
  assert.equal(badEn.statusCode, 422);
  assert.match(badEn.body, /Choose a category/);
  assert.equal((await c.post('/u/bureau/messages', { ...GOOD })).statusCode, 403, 'no CSRF token');
  assert.equal(await count(), before, 'nothing stored');

  f = await form(c);
  const ok = await c.post('/u/bureau/messages', { ...f, ...GOOD });
  assert.equal(ok.statusCode, 201);
  tracking = /查询号：<strong>(LY\d{8}-\d{6})<\/strong>/.exec(ok.body)![1];
  code = /查询码：<strong>([A-Z0-9]{10})<\/strong>/.exec(ok.body)![1];
  assert.equal(await count(), before + 1);
  const row = await t.db.db.selectFrom('messages').selectAll().where('tracking_no', '=', tracking).executeTakeFirstOrThrow();
  id = row.id;
  assert.ok(!row.contact_enc.includes(PHONE) && !(row.name_enc ?? '').includes(NAME), 'name and contact encrypted at rest');
  assert.ok(!row.query_code_hash.includes(code), 'only a hash of the query code');
  assert.equal(row.unit_id, tree.bureau.id);
  assert.ok(row.due_on > row.received_on);
});

test('per-contact limit: a sixth message a day from the same contact is refused (429), nothing stored', async () => {
  const contact = '13700000999';
  for (let i = 0; i < CONTACT_LIMIT.max; i++) await submitMessage(t.db.db, t.cfg, tree.other.id, { ...GOOD, contact }, { ip: null });
  const c = new Client(t.app, '10.0.8.2');
  const before = await count();
  const f = await form(c, 'other');
  const r = await c.post('/u/other/messages', { ...f, ...GOOD, contact });
  assert.equal(r.statusCode, 429);
  assert.match(r.body, /已达上限/);
  assert.equal(await count(), before);
});

test('status page by tracking number and query code; a wrong code learns nothing', async () => {
  const c = new Client(t.app, '10.0.8.3');
  const token = await c.csrf('/messages/status');
  const wrong = await c.post('/messages/status', { _csrf: token, tracking_no: tracking, code: 'AAAAAAAAAA' });
  assert.equal(wrong.statusCode, 404);
  assert.doesNotMatch(wrong.body, /法律援助的申请条件/);
  const right = await c.post('/messages/status', { _csrf: token, tracking_no: tracking, code });
  assert.equal(right.statusCode, 200);
  assert.match(right.body, /法律援助的申请条件/);
  assert.match(right.body, /已受理/);
});

test('scope: staff of another unit get 404; the unit’s staff answer and publish; public page and API carry no personal data', async () => {
  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  assert.equal((await county.get(`/admin/messages/${id}`)).statusCode, 404);
  const token = await county.csrf('/admin/messages');
  assert.equal((await county.post(`/admin/messages/${id}/answer`, { _csrf: token, answer: '越权的答复内容。' })).statusCode, 404);
  assert.doesNotMatch((await county.get('/admin/messages')).body, /法律援助的申请条件/);

  const handler = new Client(t.app);
  await handler.login('handler', PASSWORD);
  assert.match((await handler.get('/admin')).body, /待答复的留言/);
  const page = await handler.get(`/admin/messages/${id}`);
  assert.equal(page.statusCode, 200);
  const askerCell = (html: string) => html.split('<dt>留言人</dt>')[1].split('</dd>')[0];
  assert.doesNotMatch(askerCell(page.body), new RegExp(PHONE), 'the contact is not shown until asked for');
  const empty = await handler.submit(`/admin/messages/${id}`, `/admin/messages/${id}/answer`, { answer: '' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /请填写答复内容/);
  const contact = await handler.submit(`/admin/messages/${id}`, `/admin/messages/${id}/contact`, {});
  assert.match(askerCell(contact.body), new RegExp(`${NAME} · ${PHONE}`));
  assert.equal((await handler.submit(`/admin/messages/${id}`, `/admin/messages/${id}/answer`, { answer: '经济困难标准按本市最低生活保障标准的两倍执行。' })).statusCode, 303);
  assert.equal((await t.app.inject({ url: `/messages/${id}` })).statusCode, 404, 'not public before publishing');

  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  assert.match((await editor.get('/admin')).body, /待公开的留言答复/, 'the publishing queue on the dashboard');
  assert.equal((await editor.submit(`/admin/messages/${id}`, `/admin/messages/${id}/publish`, {})).statusCode, 303);
  const pub = await t.app.inject({ url: `/messages/${id}` });
  assert.equal(pub.statusCode, 200);
  assert.match(pub.body, /最低生活保障标准的两倍/);
  for (const body of [pub.body, (await t.app.inject({ url: '/u/bureau/messages' })).body, (await t.app.inject({ url: '/messages?q=法律援助' })).body]) {
    assert.ok(!body.includes(PHONE) && !body.includes(NAME), 'no phone or name in public HTML');
  }
  const api = await t.app.inject({ url: `/api/v1/messages?unit=${CODES.bureau}` });
  assert.equal(api.statusCode, 200);
  const json = api.json() as { data: { id: number; question: string; answer: string }[]; count: number };
  assert.equal(json.count, 1);
  assert.equal(json.data[0].id, id);
  assert.match(json.data[0].question, /我叫\[姓名已隐去\]，电话\[联系方式已隐去\]/);
  assert.ok(!api.body.includes(PHONE) && !api.body.includes(NAME) && !api.body.includes('contact'), 'no personal data in the API');
  assert.equal((await t.app.inject({ url: `/api/v1/messages?unit=${CODES.county}` })).json().count, 0);
  assert.equal((await t.app.inject({ url: `/api/v1/messages/${id}` })).statusCode, 200);
  assert.equal((await t.app.inject({ url: '/api/v1/messages?unit=NOPE' })).statusCode, 404);
  const audit = await t.db.db.selectFrom('audit_log').select(['action', 'summary']).where('action', 'like', 'message.%').execute();
  for (const a of ['message.submit', 'message.answer', 'message.publish', 'message.contact.view']) assert.ok(audit.some((x) => x.action === a), a);
  assert.ok(!JSON.stringify(audit).includes(PHONE), 'the audit log keeps no contact');
  const spec = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
  assert.ok(spec.paths['/api/v1/messages'] && spec.paths['/api/v1/messages/{id}'], 'both in the OpenAPI document');
});

test('no consent: cannot be published; overdue list; transfer moves it out of the unit’s sight', async () => {
  const today = shanghaiDate();
  const late = await submitMessage(t.db.db, t.cfg, tree.bureau.id, { ...GOOD, subject: '超期未复的留言', contact: '13700000111', consent: '' }, { ip: null, now: new Date(`${addDays(today, -20)}T10:00:00+08:00`) });
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const inbox = await editor.get('/admin/messages');
  const overdue = inbox.body.split('id="h-overdue"')[1].split('id="h-due-soon"')[0];
  assert.match(overdue, /超期未复的留言/);
  assert.match(inbox.body, /答复率/);
  await editor.submit(`/admin/messages/${late.id}`, `/admin/messages/${late.id}/answer`, { answer: '迟到的答复内容。' });
  const refused = await editor.submit(`/admin/messages/${late.id}`, `/admin/messages/${late.id}/publish`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /未同意公开/);

  const other = await submitMessage(t.db.db, t.cfg, tree.bureau.id, { ...GOOD, subject: '应由卫健委答复的留言', contact: '13700000222' }, { ip: null });
  const noUnit = await editor.submit(`/admin/messages/${other.id}`, `/admin/messages/${other.id}/transfer`, { unit_id: '' });
  assert.equal(noUnit.statusCode, 422);
  assert.match(noUnit.body, /请选择另一个在用的单位/);
  const moved = await editor.submit(`/admin/messages/${other.id}`, `/admin/messages/${other.id}/transfer`, { unit_id: String(tree.other.id) });
  assert.equal(moved.statusCode, 303);
  assert.equal(moved.headers.location, '/admin/messages?done=transfer');
  assert.equal((await editor.get(`/admin/messages/${other.id}`)).statusCode, 404);
  const row = await t.db.db.selectFrom('messages').select(['unit_id', 'transfers', 'due_on']).where('id', '=', other.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.unit_id, row.transfers, row.due_on], [tree.other.id, 1, other.dueOn]);
});

/** Posts the ask form as multipart with files, as a browser does. */
async function askWithFiles(c: Client, fields: Record<string, string>, files: { name: string; type: string; data: Buffer }[]) {
  const f = await form(c);
  const fd = new FormData();
  for (const [k, v] of Object.entries({ ...f, ...fields })) fd.append(k, v);
  for (const x of files) fd.append('attachments', new Blob([new Uint8Array(x.data)], { type: x.type }), x.name);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return t.app.inject({
    method: 'POST', url: '/u/bureau/messages', payload: Buffer.from(await req.arrayBuffer()),
    headers: { 'content-type': req.headers.get('content-type')!, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, remoteAddress: c.ip,
  });
}

test('attachments: typed by their bytes, stored encrypted, refused with 422 naming the field, opened only by the unit’s staff (audited)', async () => {
  const c = new Client(t.app, '10.0.8.9');
  const before = await count();
  const fake = await askWithFiles(c, { ...GOOD, contact: '13700000333' }, [{ name: '材料.pdf', type: 'application/pdf', data: Buffer.from('<html><body>not a pdf</body></html>') }]);
  assert.equal(fake.statusCode, 422);
  assert.match(fake.body, /附件“材料.pdf”/);
  assert.match(fake.body, /法律援助的经济困难标准/, 'what was typed is kept');
  assert.equal(await count(), before, 'nothing stored');
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(64)]);
  const ok = await askWithFiles(c, { ...GOOD, subject: '带附件的留言', contact: '13700000333' }, [{ name: '截图.png', type: 'image/png', data: png }]);
  assert.equal(ok.statusCode, 201);
  const m = await t.db.db.selectFrom('messages').select('id').where('subject', '=', '带附件的留言').executeTakeFirstOrThrow();
  const a = await t.db.db.selectFrom('message_attachments').selectAll().where('message_id', '=', m.id).executeTakeFirstOrThrow();
  assert.equal(a.mime, 'image/png');
  assert.ok(!a.filename_enc.includes('截图') && !Buffer.from(a.content_enc).equals(png), 'name and bytes encrypted');
  const handler = new Client(t.app);
  await handler.login('handler', PASSWORD);
  assert.match((await handler.get(`/admin/messages/${m.id}`)).body, /截图\.png/);
  const file = await handler.get(`/admin/messages/${m.id}/attachments/${a.id}`);
  assert.equal(file.statusCode, 200);
  assert.ok(file.rawPayload.equals(png));
  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  assert.equal((await county.get(`/admin/messages/${m.id}/attachments/${a.id}`)).statusCode, 404);
  assert.ok(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'message.attachment.view').executeTakeFirst());
  assert.doesNotMatch((await t.app.inject({ url: `/api/v1/messages?unit=${CODES.bureau}` })).body, /截图/);
});

test('per-address limit: the eleventh post within an hour from one address gets 429, whatever it carries', async () => {
  const c = new Client(t.app, '10.0.8.77');
  const codes: number[] = [];
  for (let i = 0; i < ASK_RATE.max + 1; i++) codes.push((await c.post('/u/bureau/messages', { ...GOOD })).statusCode);
  assert.deepEqual(codes.slice(0, ASK_RATE.max), Array(ASK_RATE.max).fill(403), 'no CSRF token: refused');
  assert.equal(codes[ASK_RATE.max], 429);
});

test('a resent message (the same POST twice: double click, reload) stores one message and shows the first tracking number again (#14.8)', async () => {
  const c = new Client(t.app, '10.0.8.9');
  const before = await count();
  const f = await form(c);
  const body = { ...f, ...GOOD, subject: '重复提交只算一条', contact: '13700000321' };
  const first = await c.post('/u/bureau/messages', body);
  const again = await c.post('/u/bureau/messages', body);
  assert.equal(first.statusCode, 201);
  assert.equal(again.statusCode, 201);
  const no = (r: { body: string }) => /查询号：<strong>(LY\d{8}-\d{6})<\/strong>/.exec(r.body)![1];
  assert.equal(no(again), no(first), 'the replay shows the first result');
  assert.equal(await count(), before + 1, 'one message, not two');
  // the same form with other content (back, a second message written on the same page) is a new
  // message, not a refusal: a citizen's words are never lost to the key rule
  const other = await c.post('/u/bureau/messages', { ...body, subject: '换了内容' });
  assert.equal(other.statusCode, 201);
  assert.notEqual(no(other), no(first), 'a message of its own');
  assert.equal(await count(), before + 2);
  const second = await c.post('/u/bureau/messages', { ...(await form(c)), ...GOOD, subject: '另一条留言', contact: '13700000322' });
  assert.equal(second.statusCode, 201);
  assert.equal(await count(), before + 3);
});
