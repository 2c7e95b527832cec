/**
 * Kept submissions are recovered by staff (core/commands/kept.ts, admin/kept.tsx): a comment, an
 * interview question and a message that passed validation but that the database refused (a trigger
 * simulates the failure, as the requests inbox test does) are kept encrypted — a message now too, in
 * `messages_kept`, under the tracking number the asker was given. Those who moderate (handle) that kind
 * in the unit see them without the contact and recover each: a normal pending item again, the kept row
 * deleted, audited. Others get 403 (screen) or 403/404 (recovery).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, Client, type TestApp } from '../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { addDays } from '../../core/calendar/dates.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { decryptPii } from '../../core/pii/crypto.ts';
import { publishConsultation, saveConsultation, saveDecision } from '../consultations/commands/editorial.ts';
import { submitComment } from '../consultations/commands/public.ts';
import { askQuestion } from '../interviews/commands/public.ts';
import { messageForAsker, submitMessage } from '../messages/commands/public.ts';
import { ANTISPAM } from '../../core/http/antispam.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let consultation: number;
let interview: number;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  const sys = systemContext('test');
  const today = shanghaiDate();
  const dec = await saveDecision(t.db.db, sys, { id: null, unitId: tree.bureau.id }, { year: today.slice(0, 4), title: '测试市公共法律服务办法', undertaker: '测试市司法局' });
  consultation = await saveConsultation(t.db.db, sys, { id: null, decisionId: dec }, { title: '公共法律服务办法征求意见', draft_html: '<p>草案</p>', explanation_html: '<p>说明</p>', opens_on: today, closes_on: addDays(today, 30) });
  await publishConsultation(t.db.db, sys, consultation);
  interview = (await t.db.db.insertInto('interviews').values({ unit_id: tree.bureau.id, kind: 'interview', title: '公共法律服务在线访谈', topic: '法律援助', status: 'scheduled', announced_at: new Date(), starts_at: new Date(Date.now() + 86_400_000), created_at: new Date(), updated_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id;
});
after(async () => t.close());

/** Runs `fn` while inserts into `table` fail as a full disk would. */
async function broken<T>(table: string, fn: () => Promise<T>): Promise<T> {
  await sql`create or replace function kept_test_broken() returns trigger language plpgsql as $$ begin raise exception 'disk full (simulated)' using errcode = '53100'; end $$`.execute(t.db.db);
  await sql`create trigger kept_test_broken before insert on ${sql.table(table)} for each row execute function kept_test_broken()`.execute(t.db.db);
  try {
    return await fn();
  } finally {
    await sql`drop trigger kept_test_broken on ${sql.table(table)}`.execute(t.db.db);
  }
}
async function signedIn(name: string) {
  const c = new Client(t.app);
  await c.login(name, PASSWORD);
  return c;
}
const audited = async (action: string) => (await t.db.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', '=', action).execute()).length;

test('a kept comment: moderators of its unit see it (no contact) and recover it as a pending comment; audited', async () => {
  const r = await broken('consultation_comments', () => submitComment(t.db.db, t.cfg, consultation, { name: '周暂存', contact: '13512340001', body: '一条因故障暂存的意见，请补录。' }, { ip: null }));
  assert.equal(r.kind, 'kept');
  const supervisor = await signedIn('supervisor');
  assert.equal((await supervisor.get('/admin/consultations/kept')).statusCode, 403, 'a supervisor does not moderate');
  const countyadmin = await signedIn('countyadmin');
  const other = await countyadmin.get('/admin/consultations/kept');
  assert.equal(other.statusCode, 200);
  assert.doesNotMatch(other.body, /一条因故障暂存的意见/, 'another unit’s admin does not see it');
  assert.ok([403, 404].includes((await countyadmin.submit('/admin/consultations/kept', `/admin/consultations/kept/${r.id}/recover`, {})).statusCode), 'nor recovers it');

  const reviewer = await signedIn('reviewer');
  assert.match((await reviewer.get('/admin/consultations')).body, /href="\/admin\/consultations\/kept"/, 'the notice links the screen');
  const list = await reviewer.get('/admin/consultations/kept');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /一条因故障暂存的意见/);
  assert.match(list.body, /公共法律服务办法征求意见/);
  assert.match(list.body, /53100/);
  assert.doesNotMatch(list.body, /13512340001/, 'never the contact');
  const rec = await reviewer.submit('/admin/consultations/kept', `/admin/consultations/kept/${r.id}/recover`, {});
  assert.equal(rec.statusCode, 303);
  const comment = await t.db.db.selectFrom('consultation_comments').selectAll().where('body', '=', '一条因故障暂存的意见，请补录。').executeTakeFirstOrThrow();
  assert.equal(rec.headers.location, `/admin/consultations/${consultation}#comment-${comment.id}`);
  assert.deepEqual([comment.status, comment.name, comment.consultation_id], ['pending', '周暂存', consultation]);
  assert.equal(decryptPii(t.cfg.piiKeys, 'contact', comment.contact_enc), '13512340001');
  assert.equal((await t.db.db.selectFrom('consultation_comments_kept').select('id').where('id', '=', r.id).execute()).length, 0, 'the kept row is deleted');
  assert.equal(await audited('consultation.comment.recover'), 1);
  assert.equal((await reviewer.submit('/admin/consultations/kept', `/admin/consultations/kept/${r.id}/recover`, {})).statusCode, 404, 'recovered once only');
  assert.match((await reviewer.get(`/admin/consultations/${consultation}`)).body, /一条因故障暂存的意见/, 'in the moderation list');
});

test('a kept interview question: recovered by its unit’s moderators as a pending question', async () => {
  const r = await broken('interview_questions', () => askQuestion(t.db.db, t.cfg, interview, { name: '网友甲', contact: '13512340002', body: '暂存的问题：法律援助怎样申请？' }, { ip: null }));
  assert.equal(r.kind, 'kept');
  assert.equal((await (await signedIn('handler')).get('/admin/interviews/kept')).statusCode, 403, 'a case handler does not moderate');
  const editor = await signedIn('editor');
  const list = await editor.get('/admin/interviews/kept');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /法律援助怎样申请/);
  assert.doesNotMatch(list.body, /13512340002/);
  const rec = await editor.submit('/admin/interviews/kept', `/admin/interviews/kept/${r.id}/recover`, {});
  assert.equal(rec.statusCode, 303);
  const q = await t.db.db.selectFrom('interview_questions').selectAll().where('interview_id', '=', interview).executeTakeFirstOrThrow();
  assert.deepEqual([q.status, q.asked_during, q.body], ['pending', 'before', '暂存的问题：法律援助怎样申请？']);
  assert.equal((await t.db.db.selectFrom('interview_questions_kept').select('id').execute()).length, 0);
  assert.equal(await audited('interview.question.recover'), 1);
});

test('a message the database refuses is kept (same tracking number and code) and recovered by its handlers with its attachment', async () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const r = await broken('messages', () => submitMessage(t.db.db, t.cfg, tree.bureau.id, { category: 'consultation', subject: '暂存的留言', body: '请问公证处周末是否办公？', name: '吴先生', contact: '13512340003', consent: 'yes' }, { ip: null, files: [{ filename: '截图.png', data: png }] }));
  assert.equal(r.kept, true);
  assert.match(r.trackingNo, /^LY/);
  const kept = await t.db.db.selectFrom('messages_kept').selectAll().executeTakeFirstOrThrow();
  assert.equal(kept.tracking_no, r.trackingNo);
  assert.doesNotMatch(kept.payload_enc, /公证处|13512340003/, 'kept encrypted');
  assert.equal(await messageForAsker(t.db.db, r.trackingNo, r.queryCode), null, 'not yet entered');

  assert.equal((await (await signedIn('reviewer')).get('/admin/messages/kept')).statusCode, 403, 'a reviewer does not handle messages');
  const handler = await signedIn('handler');
  assert.match((await handler.get('/admin/messages')).body, /href="\/admin\/messages\/kept"/);
  const list = await handler.get('/admin/messages/kept');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /公证处周末/);
  assert.match(list.body, new RegExp(r.trackingNo));
  assert.doesNotMatch(list.body, /13512340003/);
  const rec = await handler.submit('/admin/messages/kept', `/admin/messages/kept/${kept.id}/recover`, {});
  assert.equal(rec.statusCode, 303);
  const m = await t.db.db.selectFrom('messages').selectAll().where('tracking_no', '=', r.trackingNo).executeTakeFirstOrThrow();
  assert.equal(rec.headers.location, `/admin/messages/${m.id}`);
  assert.equal(m.status, 'received');
  const asker = await messageForAsker(t.db.db, r.trackingNo, r.queryCode);
  assert.equal(asker?.subject, '暂存的留言', 'the asker’s tracking number and code work once entered');
  assert.equal((await t.db.db.selectFrom('message_attachments').select('size').where('message_id', '=', m.id).execute()).map((a) => a.size).join(), String(png.length));
  assert.equal((await t.db.db.selectFrom('messages_kept').select('id').execute()).length, 0);
  assert.equal(await audited('message.recover'), 1);
});

test('the public message form: a message the database refuses gets a 202 page with its tracking number and code', async () => {
  const minFill = ANTISPAM.minFillMs;
  ANTISPAM.minFillMs = 0;
  try {
    const c = new Client(t.app);
    const page = await c.get('/u/bureau/messages');
    const q = /([零一二三四五六七八九十])加([零一二三四五六七八九十])等于几/.exec(page.body)!;
    const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    const fields = { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1], guard_token: /name="guard_token" value="([^"]+)"/.exec(page.body)![1], guard_answer: String(ZH.indexOf(q[1]) + ZH.indexOf(q[2])) };
    const r = await broken('messages', () => c.post('/u/bureau/messages', { ...fields, category: 'consultation', subject: '表单暂存', body: '通过表单提交时遇到故障的留言。', contact: '13512340004', consent: 'yes' }));
    assert.equal(r.statusCode, 202);
    assert.match(r.body, /留言已加密保存/);
    const no = /查询号：<strong>(LY[^<]+)<\/strong>/.exec(r.body)?.[1];
    assert.ok(no, 'the tracking number is shown');
    assert.equal((await t.db.db.selectFrom('messages_kept').select('tracking_no').where('tracking_no', '=', no).execute()).length, 1);
  } finally {
    ANTISPAM.minFillMs = minFill;
  }
});

test('discarding a kept item: a reason is required (400, zh-CN), CSRF checked, other units refused; a tombstone and an audited reason stay', async () => {
  const r = await broken('consultation_comments', () => submitComment(t.db.db, t.cfg, consultation, { name: '郑舍弃', contact: '13512340009', body: '一条测试时误提交的意见，应当舍弃。' }, { ip: null }));
  assert.equal(r.kind, 'kept');
  const url = `/admin/consultations/kept/${r.id}/discard`;
  const countyadmin = await signedIn('countyadmin');
  assert.ok([403, 404].includes((await countyadmin.submit('/admin/consultations/kept', url, { reason: '越权舍弃' })).statusCode), 'another unit’s admin cannot discard it');
  assert.equal((await (await signedIn('supervisor')).post(url, { reason: '无权' })).statusCode, 403, 'nor a supervisor');

  const reviewer = await signedIn('reviewer');
  assert.equal((await reviewer.post(url, { reason: '没有令牌' })).statusCode, 403, 'no CSRF token, no discard');
  for (const reason of ['', '   ']) {
    const bad = await reviewer.submit('/admin/consultations/kept', url, { reason });
    assert.equal(bad.statusCode, 400, `reason ${JSON.stringify(reason)}`);
    assert.match(bad.body, /请填写舍弃的理由/);
  }
  assert.equal((await reviewer.submit('/admin/consultations/kept', url, { reason: '长'.repeat(501) })).statusCode, 400, 'a reason is at most 500 characters');
  const kept = await t.db.db.selectFrom('consultation_comments_kept').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
  assert.equal(kept.discarded_at, null, 'nothing discarded by the refused attempts');
  assert.match((await reviewer.get('/admin/consultations/kept')).body, /测试时误提交的意见/);

  const ok = await reviewer.submit('/admin/consultations/kept', url, { reason: '测试数据，内容重复' });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/admin/consultations/kept?done=discarded');
  const list = await reviewer.get('/admin/consultations/kept?done=discarded');
  assert.match(list.body, /已舍弃/);
  assert.doesNotMatch(list.body, /测试时误提交的意见/, 'it leaves the list');
  const tomb = await t.db.db.selectFrom('consultation_comments_kept').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
  assert.equal(tomb.discard_reason, '测试数据，内容重复');
  assert.equal(tomb.discarded_by, 'reviewer');
  assert.ok(tomb.discarded_at);
  assert.equal(JSON.parse(decryptPii(t.cfg.piiKeys, 'submission', tomb.payload_enc)).body, '一条测试时误提交的意见，应当舍弃。', 'the content stays, encrypted');
  const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'consultation.comment.discard').execute();
  assert.equal(audit.length, 1);
  const summary = JSON.stringify(audit[0].summary);
  assert.match(summary, /测试数据，内容重复/, 'the reason is audited');
  assert.match(summary, new RegExp(`"kept":${r.id}`));
  assert.match(summary, /公共法律服务办法征求意见/, 'with what it was sent to');
  assert.doesNotMatch(summary, /13512340009|郑舍弃/, 'never the contact or the name');
  assert.equal((await reviewer.submit('/admin/consultations/kept', url, { reason: '再次' })).statusCode, 404, 'discarded once only');
  assert.equal((await reviewer.submit('/admin/consultations/kept', `/admin/consultations/kept/${r.id}/recover`, {})).statusCode, 404, 'a discarded item is not recovered');
  assert.equal((await t.db.db.selectFrom('consultation_comments').select('id').where('body', '=', '一条测试时误提交的意见，应当舍弃。').execute()).length, 0);
});

test('discarding a kept interview question and a kept message: by their moderators / handlers only', async () => {
  const q = await broken('interview_questions', () => askQuestion(t.db.db, t.cfg, interview, { name: '网友乙', contact: '13512340010', body: '重复的问题：法律援助在哪里申请？' }, { ip: null }));
  assert.equal((await (await signedIn('handler')).submit('/admin/messages/kept', `/admin/interviews/kept/${q.id}/discard`, { reason: '重复' })).statusCode, 403, 'a handler does not moderate questions');
  const editor = await signedIn('editor');
  assert.equal((await editor.submit('/admin/interviews/kept', `/admin/interviews/kept/${q.id}/discard`, {})).statusCode, 400);
  assert.equal((await editor.submit('/admin/interviews/kept', `/admin/interviews/kept/${q.id}/discard`, { reason: '与已录入的问题重复' })).statusCode, 303);
  assert.doesNotMatch((await editor.get('/admin/interviews/kept')).body, /法律援助在哪里申请/);
  assert.equal(await audited('interview.question.discard'), 1);

  const m = await broken('messages', () => submitMessage(t.db.db, t.cfg, tree.bureau.id, { category: 'consultation', subject: '测试留言', body: '这是一条测试留言。', name: '测试', contact: '13512340011', consent: 'yes' }, { ip: null, files: [] }));
  const kept = await t.db.db.selectFrom('messages_kept').select('id').where('tracking_no', '=', m.trackingNo).executeTakeFirstOrThrow();
  assert.equal((await (await signedIn('reviewer')).submit('/admin/consultations/kept', `/admin/messages/kept/${kept.id}/discard`, { reason: '测试' })).statusCode, 403, 'a reviewer does not handle messages');
  const handler = await signedIn('handler');
  assert.match((await handler.get('/admin/messages')).body, /有 2 条留言因存储故障被加密暂存/, 'this one and the form’s, above');
  assert.equal((await handler.submit('/admin/messages/kept', `/admin/messages/kept/${kept.id}/discard`, { reason: '系统测试留言' })).statusCode, 303);
  assert.doesNotMatch((await handler.get('/admin/messages/kept')).body, /这是一条测试留言/);
  assert.match((await handler.get('/admin/messages')).body, /有 1 条留言因存储故障被加密暂存/, 'a discarded one is no longer counted');
  const row = await t.db.db.selectFrom('audit_log').select('summary').where('action', '=', 'message.discard').executeTakeFirstOrThrow();
  assert.match(JSON.stringify(row.summary), /系统测试留言/);
  assert.doesNotMatch(JSON.stringify(row.summary), /13512340011/);
});
