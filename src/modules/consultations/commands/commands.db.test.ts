/**
 * Commands and policy on a real database: who may do what on which unit, the window rule (also in the
 * table), feedback before "decided", moderation, the per-contact limit, contacts stored encrypted, and a
 * comment kept (encrypted) when the database refuses it — never lost. Also the demo seeder.
 */
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { actorContext, systemContext, type CommandContext } from '../../../core/commands/context.ts';
import { loadGrants } from '../../../core/auth/sessions.ts';
import { AppError } from '../../../core/http/errors.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { decryptPii, keyId, tokenKeyId } from '../../../core/pii/crypto.ts';
import { rotatePii } from '../../requests/store/pii-rotate.ts';
import { randomBytes } from 'node:crypto';
import { moderateComment, publishConsultation, publishFeedback, saveConsultation, saveDecision, saveHearing, setDecisionStatus } from './editorial.ts';
import { submitComment } from './public.ts';
import { seedConsultations } from '../demo/consultations.ts';

let d: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
const cfg = testConfig();
const sys = systemContext('test');
const today = shanghaiDate();
before(async () => {
  d = await testDatabase();
  tree = await seedTree(d.db);
});
after(async () => d.cleanup());

async function as(username: string): Promise<CommandContext> {
  const u = await d.db.selectFrom('users').select(['id', 'unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
  return actorContext({ userId: u.id, username, displayName: username, unitId: u.unit_id, grants: await loadGrants(d.db, u.id) }, '127.0.0.1');
}
const status = (p: Promise<unknown>) => p.then(() => 0, (e) => (e instanceof AppError ? e.status : -1));
const draft = (o: Record<string, string> = {}) => ({ title: '关于某办法公开征求意见的公告', draft_html: '<p>第一条<script>alert(1)</script></p>', explanation_html: '<p onclick="x()">说明</p>', opens_on: today, closes_on: addDays(today, 29), ...o });

test('policy: the bureau editor drafts, only a reviewer publishes; the county admin cannot touch the bureau', async () => {
  const editor = await as('editor');
  const dec = await saveDecision(d.db, editor, { id: null, unitId: tree.bureau.id }, { year: today.slice(0, 4), title: '某办法', undertaker: '测试市司法局' });
  const k = await saveConsultation(d.db, editor, { id: null, decisionId: dec }, draft());
  const row = await d.db.selectFrom('consultations').selectAll().where('id', '=', k).executeTakeFirstOrThrow();
  assert.doesNotMatch(row.draft_html + row.explanation_html, /script|onclick/, 'rich text is sanitised');
  assert.equal(await status(publishConsultation(d.db, editor, k)), 403);
  assert.equal(await status(saveDecision(d.db, await as('countyadmin'), { id: null, unitId: tree.bureau.id }, { year: today.slice(0, 4), title: 'x', undertaker: 'y' })), 403);
  assert.equal(await status(saveConsultation(d.db, await as('countyadmin'), { id: k, decisionId: dec }, draft())), 403);
  assert.equal(await status(publishConsultation(d.db, await as('reviewer'), k)), 0);
  assert.equal((await d.db.selectFrom('decisions').select('status').where('id', '=', dec).executeTakeFirstOrThrow()).status, 'consulting');
  assert.equal(await status(saveConsultation(d.db, editor, { id: k, decisionId: dec }, draft())), 409, 'a published draft is frozen');
  const actions = (await d.db.selectFrom('audit_log').select('action').where('action', 'like', 'consultation.%').orderBy('id').execute()).map((r) => r.action);
  assert.deepEqual(actions, ['consultation.decision.save', 'consultation.save', 'consultation.publish']);
});

test('window: under 30 days needs a reason (command and table); publishing with a past opening date is refused', async () => {
  const dec = await saveDecision(d.db, sys, { id: null, unitId: tree.city.id }, { year: today.slice(0, 4), title: '窗口规则', undertaker: '市政府办公室' });
  const e = await saveConsultation(d.db, sys, { id: null, decisionId: dec }, draft({ closes_on: addDays(today, 28) })).catch((x: AppError) => x);
  assert.equal((e as AppError).status, 422);
  assert.match((e as AppError).fields!.short_reason.zh, /29 日，少于 30 日/);
  await assert.rejects(sql`insert into consultations (decision_id, unit_id, title, draft_html, explanation_html, opens_on, closes_on) values (${dec}, ${tree.city.id}, 'x', 'x', 'x', '2026-01-01', '2026-01-20')`.execute(d.db), /check/i);
  const k = await saveConsultation(d.db, sys, { id: null, decisionId: dec }, draft({ opens_on: addDays(today, -1), closes_on: addDays(today, 40) }));
  const p = await publishConsultation(d.db, sys, k).catch((x: AppError) => x);
  assert.match((p as AppError).fields!.opens_on.zh, /开始日期已过/);
  const short = await saveConsultation(d.db, sys, { id: null, decisionId: dec }, draft({ closes_on: addDays(today, 9), short_reason: '防汛工作紧急' }));
  await publishConsultation(d.db, sys, short);
});

test('comments: stored pending with the contact encrypted; per-contact limit; closed windows refuse; feedback before decided', async () => {
  const dec = await saveDecision(d.db, sys, { id: null, unitId: tree.bureau.id }, { year: today.slice(0, 4), title: '采纳规则', undertaker: '测试市司法局' });
  const opens = addDays(today, -40);
  const k = await saveConsultation(d.db, sys, { id: null, decisionId: dec }, draft({ opens_on: opens, closes_on: addDays(opens, 29) }));
  await publishConsultation(d.db, sys, k, opens);
  const during = new Date(`${addDays(opens, 2)}T12:00:00+08:00`);
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) ids.push((await submitComment(d.db, cfg, k, { contact: '13912345678', body: `第 ${i} 条意见，内容足够长。` }, { ip: null, now: during })).id);
  assert.equal(await status(submitComment(d.db, cfg, k, { contact: '139 1234 5678', body: '第六条意见，内容足够长。' }, { ip: null, now: during })), 429);
  assert.equal(await status(submitComment(d.db, cfg, k, { contact: '13700000000', body: '窗口关闭后的意见。' }, { ip: null })), 409);
  const rows = await d.db.selectFrom('consultation_comments').select(['status', 'contact_enc']).where('consultation_id', '=', k).execute();
  assert.equal(rows.length, 5);
  assert.ok(rows.every((r) => r.status === 'pending' && !r.contact_enc.includes('139') && decryptPii(cfg.piiKeys, 'contact', r.contact_enc) === '13912345678'));

  const reviewer = await as('reviewer');
  assert.equal(await status(publishFeedback(d.db, reviewer, k, { summary_fb: 'x' })), 409, 'comments still pending');
  assert.equal(await status(moderateComment(d.db, reviewer, ids[0], { action: 'reject' })), 422, 'a refusal needs its reason');
  assert.equal(await status(moderateComment(d.db, await as('countyadmin'), ids[0], { action: 'publish' })), 403);
  await moderateComment(d.db, reviewer, ids[0], { action: 'reject', reason: 'duplicate' });
  for (const id of ids.slice(1)) await moderateComment(d.db, await as('editor'), id, { action: 'publish' });
  assert.equal(await status(moderateComment(d.db, reviewer, ids[1], { action: 'publish' })), 409, 'moderated once');

  assert.equal(await status(setDecisionStatus(d.db, reviewer, dec, { status: 'adopted' })), 409, 'no feedback yet');
  const verdicts: Record<string, string> = { summary_fb: '共收到 5 条意见。' };
  for (const id of ids.slice(1)) verdicts[`adoption_${id}`] = 'adopted';
  verdicts[`adoption_${ids[4]}`] = 'not_adopted';
  const e = await publishFeedback(d.db, reviewer, k, verdicts).catch((x: AppError) => x);
  assert.ok((e as AppError).fields![`response_${ids[4]}`], 'not adopted needs the reason');
  await publishFeedback(d.db, reviewer, k, { ...verdicts, [`response_${ids[4]}`]: '与上位法规定不一致。' });
  assert.equal(await status(setDecisionStatus(d.db, await as('editor'), dec, { status: 'adopted' })), 403);
  await setDecisionStatus(d.db, reviewer, dec, { status: 'adopted' });
  const after = await d.db.selectFrom('decisions').select(['status', 'decided_on']).where('id', '=', dec).executeTakeFirstOrThrow();
  assert.deepEqual(after, { status: 'adopted', decided_on: today });
  assert.equal(await status(saveHearing(d.db, await as('editor'), { id: null, consultationId: k }, { held_on: addDays(today, 10), held_time: '09:30', place: '会议室', signup_closes_on: addDays(today, 5), seats: '5', selection_method: '抽签' })), 422);
});

test('a comment the database refuses is kept, encrypted, and the citizen told so', async () => {
  const dec = await saveDecision(d.db, sys, { id: null, unitId: tree.city.id }, { year: today.slice(0, 4), title: '存储故障', undertaker: '市政府办公室' });
  const k = await saveConsultation(d.db, sys, { id: null, decisionId: dec }, draft());
  await publishConsultation(d.db, sys, k);
  await sql`create function gk_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'disk full' using errcode = '53100'; end $$`.execute(d.db);
  await sql`create trigger gk_test_refuse before insert on consultation_comments for each row execute function gk_test_refuse()`.execute(d.db);
  try {
    const r = await submitComment(d.db, cfg, k, { name: '王先生', contact: 'wang@example.cn', body: '一条不能丢失的意见。' }, { ip: null });
    assert.equal(r.kind, 'kept');
    const kept = await d.db.selectFrom('consultation_comments_kept').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.equal(kept.error_code, '53100');
    assert.doesNotMatch(kept.payload_enc, /wang|意见/);
    assert.equal(JSON.parse(decryptPii(cfg.piiKeys, 'submission', kept.payload_enc)).body, '一条不能丢失的意见。');
  } finally {
    await sql`drop trigger gk_test_refuse on consultation_comments`.execute(d.db);
  }
});

test('demo: the seeder builds open and closed consultations with feedback, through the commands', async () => {
  assert.equal(await seedConsultations(d.db, cfg, systemContext('seed'), () => {}), 3);
  const decided = await d.db.selectFrom('decisions').select('title').where('status', '=', 'adopted').where('title', 'like', '朝阳市生活垃圾%').execute();
  assert.equal(decided.length, 1);
  const open = await d.db.selectFrom('consultations').select('id').where('opens_on', '<=', today).where('closes_on', '>=', today).where('title', 'like', '%停车%').execute();
  assert.equal(open.length, 1);
});

test('gongkai pii rotate re-encrypts commenters’ and hearing sign-ups’ contacts under the new key', async () => {
  const fresh = randomBytes(32);
  const r = await rotatePii(d.db, systemContext('cli:test'), [fresh, ...cfg.piiKeys]);
  assert.ok(r.consultations > 5);
  for (const t of ['consultation_comments', 'hearing_signups'] as const) {
    const rows = await d.db.selectFrom(t).select('contact_enc').execute();
    assert.ok(rows.length && rows.every((x) => tokenKeyId(x.contact_enc) === keyId(fresh)), t);
  }
  const one = await d.db.selectFrom('consultation_comments').select('contact_enc').orderBy('id').executeTakeFirstOrThrow();
  assert.match(decryptPii([fresh], 'contact', one.contact_enc), /^13/);
  assert.equal((await rotatePii(d.db, systemContext('cli:test'), [fresh, ...cfg.piiKeys])).consultations, 0, 'idempotent');
});
