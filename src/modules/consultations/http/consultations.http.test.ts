/**
 * Through the app: public lists and the consultation page, a comment past the anti-spam guard (and
 * every way it is refused, in zh and en, with nothing stored), moderation from the dashboard queue,
 * the feedback and "decided", hearing sign-up, the JSON API (no contacts) and the OpenAPI document.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { ANTISPAM } from '../../../core/http/antispam.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { publishConsultation, saveConsultation, saveDecision, saveHearing } from '../commands/editorial.ts';
import { submitComment } from '../commands/public.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let open: number;
let closed: number;
let closedDecision: number;
let hearing: number;
const today = shanghaiDate();
const sys = systemContext('test');
const minFill = ANTISPAM.minFillMs;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  ANTISPAM.minFillMs = 0;
  const y = today.slice(0, 4);
  const d1 = await saveDecision(t.db.db, sys, { id: null, unitId: tree.bureau.id }, { year: y, title: '测试市法律援助办法', undertaker: '测试市司法局' });
  open = await saveConsultation(t.db.db, sys, { id: null, decisionId: d1 }, { title: '法律援助办法征求意见', draft_html: '<p>第一条 草案正文。</p>', explanation_html: '<p>起草说明正文。</p>', opens_on: today, closes_on: addDays(today, 30) });
  await publishConsultation(t.db.db, sys, open);
  hearing = await saveHearing(t.db.db, sys, { id: null, consultationId: open }, { held_on: addDays(today, 20), held_time: '09:30', place: '司法局会议室', signup_closes_on: addDays(today, 10), seats: '1', selection_method: '按报名先后' });
  closedDecision = await saveDecision(t.db.db, sys, { id: null, unitId: tree.bureau.id }, { year: y, title: '测试市调解工作规定', undertaker: '测试市司法局' });
  const o = addDays(today, -35);
  closed = await saveConsultation(t.db.db, sys, { id: null, decisionId: closedDecision }, { title: '调解工作规定征求意见', draft_html: '<p>草案</p>', explanation_html: '<p>说明</p>', opens_on: o, closes_on: addDays(o, 29) });
  await publishConsultation(t.db.db, sys, closed, o);
  await submitComment(t.db.db, t.cfg, closed, { name: '刘女士', contact: '13600000001', body: '建议明确调解员的回避情形。' }, { ip: null, now: new Date(`${addDays(o, 3)}T10:00:00+08:00`) });
});
after(async () => {
  ANTISPAM.minFillMs = minFill;
  await t.close();
});

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Reads the guard token and answers the question in words, as a person would. */
function guardOf(html: string) {
  const token = /name="guard_token" value="([^"]+)"/.exec(html)![1];
  const q = /([零一二三四五六七八九十])加([零一二三四五六七八九十])等于几/.exec(html);
  const en = /What is (\d) plus (\d)\?/.exec(html)!;
  const answer = q ? ZH.indexOf(q[1]) + ZH.indexOf(q[2]) : Number(en[1]) + Number(en[2]);
  return { guard_token: token, guard_answer: String(answer) };
}
async function form(c: Client, id: number, headers: Record<string, string> = {}) {
  const page = await c.get(`/consultations/${id}`, headers);
  assert.equal(page.statusCode, 200);
  return { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1], ...guardOf(page.body), body: page.body };
}
const countComments = async () => Number((await t.db.db.selectFrom('consultation_comments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

test('public lists: open and closed per unit and cluster-wide, with the catalogue', async () => {
  const all = await t.app.inject({ url: '/consultations' });
  assert.equal(all.statusCode, 200);
  const [openPart, closedPart] = all.body.split('id="h-closed"');
  assert.match(openPart, /法律援助办法征求意见/);
  assert.match(closedPart, /调解工作规定征求意见/);
  assert.match(closedPart, /测试市法律援助办法/, 'the catalogue of the year');
  assert.match((await t.app.inject({ url: '/u/city/consultations' })).body, /法律援助办法征求意见/, 'the city lists the units below it');
  assert.doesNotMatch((await t.app.inject({ url: '/u/county/consultations' })).body, /法律援助办法征求意见/);
  assert.equal((await t.app.inject({ url: '/u/nowhere/consultations' })).statusCode, 404);
  const page = await t.app.inject({ url: `/consultations/${open}` });
  assert.match(page.body, /起草说明正文/);
  assert.match(page.body, /等于几/);
  assert.match(page.body, /class="hp" aria-hidden="true"/);
  assert.match((await t.app.inject({ url: `/consultations/${closed}` })).body, /征求意见已于/);
});

test('comment: the guard and validation refuse with 4xx in zh and en and store nothing; a good comment waits for moderation', async () => {
  const c = new Client(t.app, '10.0.0.1');
  const before = await countComments();
  const good = { name: '', contact: '13512345678', body: '建议把法律援助的经济困难标准与低保标准挂钩。' };

  let f = await form(c, open);
  const honey = await c.post(`/consultations/${open}/comments`, { _csrf: f._csrf, guard_token: f.guard_token, guard_answer: f.guard_answer, website: 'http://spam.example', ...good });
  assert.equal(honey.statusCode, 400);
  assert.match(honey.body, /提交未通过校验/);
  f = await form(c, open);
  const wrong = await c.post(`/consultations/${open}/comments`, { _csrf: f._csrf, guard_token: f.guard_token, guard_answer: String(Number(f.guard_answer) + 1), ...good });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /验证问题回答不正确/);
  assert.match(wrong.body, /把法律援助的经济困难标准/, 'what was typed is kept');
  assert.equal((await c.post(`/consultations/${open}/comments`, { _csrf: f._csrf, ...good, guard_answer: '3' })).statusCode, 400, 'no token');
  ANTISPAM.minFillMs = 60_000;
  f = await form(c, open);
  const fast = await c.post(`/consultations/${open}/comments`, { _csrf: f._csrf, guard_token: f.guard_token, guard_answer: f.guard_answer, ...good });
  ANTISPAM.minFillMs = 0;
  assert.equal(fast.statusCode, 400);
  assert.match(fast.body, /提交过快/);

  f = await form(c, open);
  const bad = await c.post(`/consultations/${open}/comments`, { _csrf: f._csrf, guard_token: f.guard_token, guard_answer: f.guard_answer, contact: '', body: '好' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /请填写联系电话或电子邮箱/);
  assert.match(bad.body, /意见建议至少 5 个字/);
  const en = await form(c, open, { 'accept-language': 'en' });
  const badEn = await c.post(`/consultations/${open}/comments`, { _csrf: en._csrf, guard_token: en.guard_token, guard_answer: en.guard_answer, contact: 'nobody', body: 'A comment in English.' }, { 'accept-language': 'en' });
  assert.equal(badEn.statusCode, 422);
  assert.match(badEn.body, /Give a mobile number, a landline with area code, or an e-mail address/);
  const closedForm = await form(c, open);
  const late = await c.post(`/consultations/${closed}/comments`, { _csrf: closedForm._csrf, ...guardOf(closedForm.body), ...good });
  assert.equal(late.statusCode, 409, 'the window is closed');
  assert.match(late.body, /现在不接受意见/);
  assert.equal((await c.post(`/consultations/${open}/comments`, { ...good })).statusCode, 403, 'no CSRF token');
  assert.equal(await countComments(), before, 'nothing stored');

  f = await form(c, open);
  const ok = await c.post(`/consultations/${open}/comments`, { _csrf: f._csrf, guard_token: f.guard_token, guard_answer: f.guard_answer, ...good });
  assert.equal(ok.statusCode, 303);
  assert.equal(await countComments(), before + 1);
  const after = await c.get(ok.headers.location as string);
  assert.match(after.body, /审核后公开/);
  assert.doesNotMatch(after.body, /经济困难标准与低保/, 'not shown before moderation');
  assert.doesNotMatch(after.body, /13512345678/);
});

test('moderation from the dashboard; the comment appears without its contact; a refusal is counted by reason', async () => {
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const dash = await editor.get('/admin');
  assert.match(dash.body, /待审核的公众意见/);
  const cid = Number(new RegExp(`href="/admin/consultations/${open}#comment-(\\d+)"`).exec(dash.body)![1]);
  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  assert.equal((await county.get(`/admin/consultations/${open}`)).statusCode, 404);
  const noReason = await editor.submit(`/admin/consultations/${open}`, `/admin/consultations/comments/${cid}/moderate`, { action: 'reject', reason: '' });
  assert.equal(noReason.statusCode, 422);
  assert.match(noReason.body, /不予公开须选择理由/);
  assert.equal((await editor.submit(`/admin/consultations/${open}`, `/admin/consultations/comments/${cid}/moderate`, { action: 'publish' })).statusCode, 303);
  const pub = await t.app.inject({ url: `/consultations/${open}` });
  assert.match(pub.body, /经济困难标准与低保/);
  assert.match(pub.body, /匿名/);
  assert.doesNotMatch(pub.body, /13512345678/);
  const contact = await editor.submit(`/admin/consultations/${open}`, `/admin/consultations/comments/${cid}/contact`, {});
  assert.match(contact.body, /13512345678/);
  const audit = await t.db.db.selectFrom('audit_log').select(['action', 'summary']).where('action', 'in', ['consultation.comment', 'consultation.contact.view']).execute();
  assert.ok(audit.some((a) => a.action === 'consultation.contact.view'));
  assert.ok(!JSON.stringify(audit).includes('13512345678'), 'the audit log keeps no contact');

  const k = await t.db.db.selectFrom('consultation_comments').select('id').where('consultation_id', '=', closed).executeTakeFirstOrThrow();
  const reviewer = new Client(t.app);
  await reviewer.login('reviewer', PASSWORD);
  assert.equal((await reviewer.submit(`/admin/consultations/${closed}`, `/admin/consultations/comments/${k.id}/moderate`, { action: 'reject', reason: 'irrelevant' })).statusCode, 303);
  assert.match((await t.app.inject({ url: `/consultations/${closed}` })).body, /另有 1 条意见未予公开：与征求意见的事项无关 1/);
});

test('feedback before decided; hearing sign-up and the published participant list', async () => {
  const reviewer = new Client(t.app);
  await reviewer.login('reviewer', PASSWORD);
  const early = await reviewer.submit(`/admin/consultations/decisions/${closedDecision}`, `/admin/consultations/decisions/${closedDecision}/status`, { status: 'adopted' });
  assert.equal(early.statusCode, 409);
  assert.match(early.body, /意见采纳情况尚未公布/);
  const noSummary = await reviewer.submit(`/admin/consultations/${closed}`, `/admin/consultations/${closed}/feedback`, { summary_fb: '' });
  assert.equal(noSummary.statusCode, 422);
  assert.equal((await reviewer.submit(`/admin/consultations/${closed}`, `/admin/consultations/${closed}/feedback`, { summary_fb: '共收到意见 1 条，因与本规定无关未予公开。' })).statusCode, 303);
  assert.equal((await reviewer.submit(`/admin/consultations/decisions/${closedDecision}`, `/admin/consultations/decisions/${closedDecision}/status`, { status: 'adopted' })).statusCode, 303);
  const pub = await t.app.inject({ url: `/consultations/${closed}` });
  assert.match(pub.body, /共收到意见 1 条，公开 0 条/);
  assert.match(pub.body, /已作出决策/);

  const c = new Client(t.app, '10.0.0.2');
  assert.match((await c.get(`/consultations/${open}`)).body, new RegExp(`href="/consultations/hearings/${hearing}/signup"`));
  const page = await c.get(`/consultations/hearings/${hearing}/signup`);
  const g = guardOf(page.body);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
  const bad = await c.post(`/consultations/hearings/${hearing}/signup`, { _csrf: csrf, ...g, name: '', contact: '13700000001' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /报名参加听证须填写姓名/);
  const page2 = await c.get(`/consultations/hearings/${hearing}/signup`);
  const signup = { _csrf: /name="_csrf" value="([^"]+)"/.exec(page2.body)![1], ...guardOf(page2.body), name: '陈听证', contact: '13700000001', statement: '律师' };
  const ok = await c.post(`/consultations/hearings/${hearing}/signup`, signup);
  assert.equal(ok.statusCode, 201);
  assert.match(ok.body, /报名已提交/);
  // the same POST again (#14.8): the same answer, one sign-up
  const again = await c.post(`/consultations/hearings/${hearing}/signup`, signup);
  assert.equal(again.statusCode, 201);
  assert.equal((await t.db.db.selectFrom('hearing_signups').select('id').where('hearing_id', '=', hearing).execute()).length, 1, 'one sign-up, not two');
  assert.doesNotMatch((await t.app.inject({ url: `/consultations/${open}` })).body, /陈听证/, 'not listed until chosen');
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const admin = await editor.get(`/admin/consultations/${open}`);
  const sid = /\/admin\/consultations\/hearings\/\d+\/signups\/(\d+)/.exec(admin.body)![1];
  assert.equal((await editor.submit(`/admin/consultations/${open}`, `/admin/consultations/hearings/${hearing}/signups/${sid}`, { selected: '1' })).statusCode, 303);
  assert.match((await t.app.inject({ url: `/consultations/${open}` })).body, /<li>陈听证<\/li>/);
});

test('API: lists and one consultation without contacts; unpublished is 404; both in the OpenAPI document', async () => {
  const list = (await t.app.inject({ url: `/api/v1/consultations?unit=${CODES.bureau}&state=open` })).json() as { count: number; data: { id: number; state: string; window_days: number }[] };
  assert.equal(list.count, 1);
  assert.equal(list.data[0].id, open);
  assert.equal(list.data[0].window_days, 31);
  const closedList = (await t.app.inject({ url: '/api/v1/consultations?state=closed' })).json() as { data: { id: number; feedback_published_at: string | null }[] };
  assert.deepEqual(closedList.data.map((x) => x.id), [closed]);
  assert.ok(closedList.data[0].feedback_published_at);
  assert.equal((await t.app.inject({ url: '/api/v1/consultations?unit=NOPE' })).statusCode, 404);
  assert.equal((await t.app.inject({ url: '/api/v1/consultations?state=weird' })).statusCode, 400);
  const one = await t.app.inject({ url: `/api/v1/consultations/${open}` });
  assert.equal(one.statusCode, 200);
  const body = one.json() as { comments: { body: string; name: string | null }[]; hearings: { participants: string[] }[]; draft_html: string };
  assert.equal(body.comments.length, 1);
  assert.equal(body.comments[0].name, null);
  assert.deepEqual(body.hearings[0].participants, ['陈听证']);
  assert.doesNotMatch(one.body, /13512345678|13700000001|contact_enc|g1\./);
  const dec = await saveDecision(t.db.db, sys, { id: null, unitId: tree.bureau.id }, { year: today.slice(0, 4), title: '未发布', undertaker: '司法局' });
  const hidden = await saveConsultation(t.db.db, sys, { id: null, decisionId: dec }, { title: '未发布的稿', draft_html: '<p>x</p>', explanation_html: '<p>y</p>', opens_on: today, closes_on: addDays(today, 30) });
  assert.equal((await t.app.inject({ url: `/api/v1/consultations/${hidden}` })).statusCode, 404);
  assert.equal((await t.app.inject({ url: `/consultations/${hidden}` })).statusCode, 404);
  const spec = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
  assert.ok(spec.paths['/api/v1/consultations']);
  assert.ok(spec.paths['/api/v1/consultations/{id}']);
});

test('a resent comment (the same POST twice) is stored once; the replay gets the same answer (#14.8)', async () => {
  const c = new Client(t.app, '10.0.0.77');
  const before = await countComments();
  const f = await form(c, open);
  const body = { _csrf: f._csrf, guard_token: f.guard_token, guard_answer: f.guard_answer, name: '', contact: '13512340077', body: '同一意见重复提交只应保存一次。' };
  const first = await c.post(`/consultations/${open}/comments`, body);
  const again = await c.post(`/consultations/${open}/comments`, body);
  assert.equal(first.statusCode, 303);
  assert.equal(again.statusCode, 303);
  assert.equal(await countComments(), before + 1, 'one comment, not two');
});
