/**
 * Through the app: staff create and announce an event (scope and roles checked), citizens ask past the
 * anti-spam guard (every refusal 4xx in zh and en, nothing stored), moderation from the dashboard queue,
 * transcript and ending, photos checked by their bytes, the public pages, the 政策解读 column block, the
 * JSON API (never a contact) and the OpenAPI document.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { ANTISPAM } from '../../../core/http/antispam.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let id = 0;
const minFill = ANTISPAM.minFillMs;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

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
async function form(c: Client, headers: Record<string, string> = {}) {
  const page = await c.get(`/interviews/${id}`, headers);
  assert.equal(page.statusCode, 200);
  return { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1], ...guardOf(page.body) };
}
const count = async () => Number((await t.db.db.selectFrom('interview_questions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
async function signedIn(name: string) {
  const c = new Client(t.app);
  await c.login(name, PASSWORD);
  return c;
}
const EVENT = { kind: 'interview', title: '法律援助政策在线访谈', topic: '法律援助申请条件和办理流程', starts_at: `${addDays(shanghaiDate(), 5)}T15:00`, place: '网站直播间', guests: '赵律|副局长|测试市司法局', videos: '' };

test('staff: create (422 naming fields, zh and en), only in their scope; announcing needs a reviewer', async () => {
  const editor = await signedIn('editor');
  const bad = await editor.submit(`/admin/interviews/new?unit=${tree.bureau.id}`, `/admin/interviews?unit=${tree.bureau.id}`, { ...EVENT, title: '', starts_at: 'soon', videos: '回放|javascript:alert(1)' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /请填写标题/);
  assert.match(bad.body, /开始时间格式为/);
  assert.match(bad.body, /视频链接须为 http/);
  const badEn = await editor.post(`/admin/interviews?unit=${tree.bureau.id}`, { _csrf: await editor.csrf(`/admin/interviews/new?unit=${tree.bureau.id}`), ...EVENT, kind: 'press', guests: '' }, { 'accept-language': 'en' });
  assert.equal(badEn.statusCode, 422);
  assert.match(badEn.body, /A press conference needs its releasing officials/);
  assert.equal((await editor.get(`/admin/interviews/new?unit=${tree.county.id}`)).statusCode, 404, 'another unit');
  const ok = await editor.submit(`/admin/interviews/new?unit=${tree.bureau.id}`, `/admin/interviews?unit=${tree.bureau.id}`, { ...EVENT, intro_html: '<p>简介</p><script>alert(1)</script>' });
  assert.equal(ok.statusCode, 303);
  id = Number(/\/admin\/interviews\/(\d+)/.exec(ok.headers.location as string)![1]);
  assert.equal((await t.app.inject({ url: `/interviews/${id}` })).statusCode, 404, 'a draft is not public');
  assert.equal((await (await signedIn('countyadmin')).get(`/admin/interviews/${id}`)).statusCode, 404);
  const page = await editor.get(`/admin/interviews/${id}`);
  assert.doesNotMatch(page.body, /<script>alert/);
  assert.doesNotMatch(page.body, /改为“预告”/, 'an editor cannot announce');
  assert.equal((await editor.post(`/admin/interviews/${id}/status`, { _csrf: await editor.csrf(`/admin/interviews/${id}`), to: 'scheduled' })).statusCode, 403);
  const reviewer = await signedIn('reviewer');
  assert.equal((await reviewer.submit(`/admin/interviews/${id}`, `/admin/interviews/${id}/status`, { to: 'scheduled' })).statusCode, 303);
  const early = await reviewer.submit(`/admin/interviews/${id}`, `/admin/interviews/${id}/status`, { to: 'ended' });
  assert.equal(early.statusCode, 409, 'scheduled cannot end');
});

test('questions: the guard and validation refuse with 4xx and store nothing; a good one waits for moderation, contact never shown', async () => {
  const c = new Client(t.app, '10.0.0.7');
  const before = await count();
  const good = { name: '', contact: '13512340000', body: '法律援助的经济困难标准是多少？' };
  let f = await form(c);
  assert.equal((await c.post(`/interviews/${id}/questions`, { ...f, website: 'x', ...good })).statusCode, 400, 'honeypot');
  f = await form(c);
  const wrong = await c.post(`/interviews/${id}/questions`, { ...f, guard_answer: String(Number(f.guard_answer) + 1), ...good });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /验证问题回答不正确/);
  f = await form(c);
  const bad = await c.post(`/interviews/${id}/questions`, { ...f, contact: '', body: '短' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /请填写联系电话或电子邮箱/);
  assert.match(bad.body, /问题至少 5 个字/);
  const en = await form(c, { 'accept-language': 'en' });
  const badEn = await c.post(`/interviews/${id}/questions`, { ...en, contact: 'nobody', body: 'What is the income limit?' }, { 'accept-language': 'en' });
  assert.equal(badEn.statusCode, 422);
  assert.match(badEn.body, /Give a mobile number/);
  assert.equal((await c.post(`/interviews/${id}/questions`, good)).statusCode, 403, 'no CSRF token');
  assert.equal(await count(), before);
  f = await form(c);
  const ok = await c.post(`/interviews/${id}/questions`, { ...f, ...good });
  assert.equal(ok.statusCode, 303);
  assert.equal(await count(), before + 1);
  // the same POST again (double click, reload; #14.8): the same answer, one question
  const again = await c.post(`/interviews/${id}/questions`, { ...f, ...good });
  assert.equal(again.statusCode, 303);
  assert.equal(await count(), before + 1, 'one question, not two');
  const row = await t.db.db.selectFrom('interview_questions').select(['contact_enc', 'body']).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.doesNotMatch(row.contact_enc, /13512340000/, 'encrypted at rest');
  const after = await c.get(ok.headers.location as string);
  assert.match(after.body, /审核后公开/);
  assert.doesNotMatch(after.body, /经济困难标准是多少/, 'not shown before moderation');
});

test('moderation from the dashboard, transcript, photo by bytes, ending; public page, column block and API show no contact', async () => {
  const editor = await signedIn('editor');
  const dash = await editor.get('/admin');
  assert.match(dash.body, /待审核的访谈网友问题/);
  const qid = Number(new RegExp(`href="/admin/interviews/${id}#question-(\\d+)"`).exec(dash.body)![1]);
  const noReason = await editor.submit(`/admin/interviews/${id}`, `/admin/interviews/questions/${qid}/moderate`, { action: 'reject', reason: '' });
  assert.equal(noReason.statusCode, 422);
  assert.match(noReason.body, /不予采用须选择理由/);
  assert.equal((await editor.submit(`/admin/interviews/${id}`, `/admin/interviews/questions/${qid}/moderate`, { action: 'approve' })).statusCode, 303);
  const contact = await editor.submit(`/admin/interviews/${id}`, `/admin/interviews/questions/${qid}/contact`, {});
  assert.match(contact.body, /13512340000/, 'shown on request to moderators');
  assert.ok(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'interview.contact.view').executeTakeFirst(), 'and audited');

  const badEntry = await editor.submit(`/admin/interviews/${id}`, `/admin/interviews/${id}/entries`, { entry_kind: 'answer', speaker: '赵律', entry_html: '<p>答复</p>', question_id: '999999' });
  assert.equal(badEntry.statusCode, 422);
  assert.match(badEntry.body, /不是本场已采用的网友问题/);
  assert.equal((await editor.submit(`/admin/interviews/${id}`, `/admin/interviews/${id}/entries`, { entry_kind: 'answer', speaker: '赵律', entry_html: '<p>经济困难标准按当地最低生活保障标准的两倍执行。</p><img src=x onerror=alert(1)>', question_id: String(qid) })).statusCode, 303);

  const csrf = await editor.csrf(`/admin/interviews/${id}`);
  const upload = async (data: Buffer) => {
    const boundary = '----iv' + Math.random().toString(16).slice(2);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n访谈现场\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: `/admin/interviews/${id}/photos`, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...editor.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  };
  const fake = await upload(Buffer.from('<svg onload=alert(1)>'));
  assert.equal(fake.statusCode, 422, 'a PNG name with other bytes is refused');
  assert.match(fake.body, /JPEG 或 PNG/);
  assert.equal((await upload(PNG)).statusCode, 303);

  const reviewer = await signedIn('reviewer');
  assert.equal((await reviewer.submit(`/admin/interviews/${id}`, `/admin/interviews/${id}/status`, { to: 'live' })).statusCode, 303);
  const c = new Client(t.app, '10.0.0.8');
  const f = await form(c);
  assert.equal((await c.post(`/interviews/${id}/questions`, { ...f, contact: 'asker@example.cn', body: '直播中可以提问吗？' })).statusCode, 303, 'questions during the event');
  assert.equal((await reviewer.submit(`/admin/interviews/${id}`, `/admin/interviews/${id}/status`, { to: 'ended' })).statusCode, 303);
  const closed = await c.post(`/interviews/${id}/questions`, { ...(await (async () => { const p = await c.get(`/interviews/${id}`); return { _csrf: /name="_csrf" value="([^"]+)"/.exec(p.body)?.[1] ?? '' }; })()), contact: 'x@example.cn', body: '结束后还能问吗？' });
  assert.ok(closed.statusCode >= 400 && closed.statusCode < 500);

  const page = await t.app.inject({ url: `/interviews/${id}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /经济困难标准按当地最低生活保障标准/);
  assert.match(page.body, /已在实录中答复/);
  assert.doesNotMatch(page.body, /13512340000|onerror|我要提问/);
  const img = /src="(\/interviews\/photos\/\d+)"/.exec(page.body)![1];
  const photo = await t.app.inject({ url: img });
  assert.equal(photo.headers['content-type'], 'image/png');
  assert.equal(photo.headers['x-content-type-options'], 'nosniff');
  assert.match((await t.app.inject({ url: '/u/bureau/interviews' })).body, /法律援助政策在线访谈/);
  assert.match((await t.app.inject({ url: '/u/city/interviews' })).body, /法律援助政策在线访谈/, 'the city lists the units below it');
  assert.doesNotMatch((await t.app.inject({ url: '/u/county/interviews' })).body, /法律援助政策在线访谈/);
  assert.equal((await t.app.inject({ url: '/u/nowhere/interviews' })).statusCode, 404);
  assert.match((await t.app.inject({ url: '/u/bureau/xxgk/zcjd' })).body, /id="h-interviews"[\s\S]*法律援助政策在线访谈/, 'on the unit\'s 政策解读 column');

  const list = (await t.app.inject({ url: `/api/v1/interviews?unit=${CODES.bureau}` })).json();
  assert.equal(list.count, 1);
  assert.equal(list.data[0].status, 'ended');
  const one = await t.app.inject({ url: `/api/v1/interviews/${id}` });
  assert.equal(one.statusCode, 200);
  assert.doesNotMatch(one.body, /13512340000|asker@example|contact/);
  assert.equal(one.json().transcript.length, 1);
  assert.equal(one.json().guests[0].name, '赵律');
  assert.equal((await t.app.inject({ url: '/api/v1/interviews/999999' })).statusCode, 404);
  assert.equal((await t.app.inject({ url: '/api/v1/interviews?unit=nonsense' })).statusCode, 404);
  const openapi = (await t.app.inject({ url: '/api/docs/json' })).json();
  assert.ok(openapi.paths['/api/v1/interviews'] && openapi.paths['/api/v1/interviews/{id}']);
});
