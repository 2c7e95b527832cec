/**
 * The stored tallies of a consultation (consultation_comment_counts, migration 1160, kept by a trigger)
 * follow every write to its comments — submit, publish, refuse, adoption, kept recovery, delete, a
 * rolled-back insert — and always equal a fresh count; the public figures read them.
 */
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { recoverKept } from '../../../core/commands/kept.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { encryptPii } from '../../../core/pii/crypto.ts';
import { moderateComment, publishConsultation, publishFeedback, saveConsultation, saveDecision } from './editorial.ts';
import { submitComment } from './public.ts';
import { KEPT_COMMENTS } from './kept.ts';
import { commentFigures } from '../store/queries.ts';

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

type Tally = Record<string, number>;
/** the stored counters of a consultation, without zero rows, as "status/reason/adoption" → n */
async function stored(k: number): Promise<Tally> {
  const rows = await d.db.selectFrom('consultation_comment_counts').select(['status', 'reject_reason', 'adoption', 'n']).where('consultation_id', '=', k).where('n', '<>', 0).execute();
  return Object.fromEntries(rows.map((r) => [`${r.status}/${r.reject_reason}/${r.adoption}`, r.n]));
}
/** the same by counting the comments now */
async function fresh(k: number): Promise<Tally> {
  const rows = await sql<{ key: string; n: number }>`select status || '/' || coalesce(reject_reason, '') || '/' || coalesce(adoption, '') as key, count(*)::int as n
    from consultation_comments where consultation_id = ${k} group by 1`.execute(d.db);
  return Object.fromEntries(rows.rows.map((r) => [r.key, r.n]));
}
async function same(k: number, expected: Tally, step: string) {
  assert.deepEqual(await fresh(k), expected, `${step}: the comments are as expected`);
  assert.deepEqual(await stored(k), expected, `${step}: the stored counters equal a fresh count`);
}

test('the counters follow submit, publish, refuse, kept recovery, adoption, delete and a rollback', async () => {
  const dec = await saveDecision(d.db, sys, { id: null, unitId: tree.bureau.id }, { year: today.slice(0, 4), title: '计数器', undertaker: '测试市司法局' });
  const opens = addDays(today, -40);
  const k = await saveConsultation(d.db, sys, { id: null, decisionId: dec }, { title: '计数器测试', draft_html: '<p>草案</p>', explanation_html: '<p>说明</p>', opens_on: opens, closes_on: addDays(opens, 29) });
  await publishConsultation(d.db, sys, k, opens);
  // another consultation's comments must not leak into this one's counters
  const other = await saveConsultation(d.db, sys, { id: null, decisionId: dec }, { title: '另一个', draft_html: '<p>草案</p>', explanation_html: '<p>说明</p>', opens_on: opens, closes_on: addDays(opens, 29) });
  await publishConsultation(d.db, sys, other, opens);
  const during = new Date(`${addDays(opens, 3)}T10:00:00+08:00`);
  await same(k, {}, 'nothing yet');

  const ids: number[] = [];
  for (let i = 0; i < 6; i++) ids.push((await submitComment(d.db, cfg, k, { contact: `1391234560${i}`, body: `第 ${i} 条意见，内容足够长。` }, { ip: null, now: during })).id);
  await submitComment(d.db, cfg, other, { contact: '13700000001', body: '别处的意见，内容足够长。' }, { ip: null, now: during });
  await same(k, { 'pending//': 6 }, 'submit');

  await moderateComment(d.db, sys, ids[0], { action: 'reject', reason: 'duplicate' });
  await moderateComment(d.db, sys, ids[1], { action: 'reject', reason: 'abuse' });
  for (const id of ids.slice(2, 5)) await moderateComment(d.db, sys, id, { action: 'publish' });
  await same(k, { 'pending//': 1, 'rejected/duplicate/': 1, 'rejected/abuse/': 1, 'published//': 3 }, 'publish and refuse');

  // a comment kept after a storage error, recovered by staff: a new pending comment
  const payload = encryptPii(cfg.piiKeys, 'submission', JSON.stringify({ name: '', contact: '13800000000', body: '暂存后恢复的意见。', at: during.toISOString() }));
  const kept = await d.db.insertInto('consultation_comments_kept').values({ consultation_id: k, payload_enc: payload, error_code: '53100' }).returning('id').executeTakeFirstOrThrow();
  const recovered = await recoverKept(d.db, cfg.piiKeys, sys, KEPT_COMMENTS, kept.id);
  await same(k, { 'pending//': 2, 'rejected/duplicate/': 1, 'rejected/abuse/': 1, 'published//': 3 }, 'kept recovery');
  await moderateComment(d.db, sys, ids[5], { action: 'publish' });
  await moderateComment(d.db, sys, recovered.id, { action: 'reject', reason: 'duplicate' });
  await same(k, { 'rejected/duplicate/': 2, 'rejected/abuse/': 1, 'published//': 4 }, 'all moderated');

  const verdicts: Record<string, string> = { summary_fb: '共收到 7 条意见。' };
  verdicts[`adoption_${ids[2]}`] = 'adopted';
  verdicts[`adoption_${ids[3]}`] = 'partly';
  verdicts[`response_${ids[3]}`] = '部分采纳。';
  verdicts[`adoption_${ids[4]}`] = 'adopted';
  verdicts[`adoption_${ids[5]}`] = 'not_adopted';
  verdicts[`response_${ids[5]}`] = '与上位法不一致。';
  await publishFeedback(d.db, sys, k, verdicts, today);
  const adopted = { 'rejected/duplicate/': 2, 'rejected/abuse/': 1, 'published//adopted': 2, 'published//partly': 1, 'published//not_adopted': 1 };
  await same(k, adopted, 'adoption');
  assert.deepEqual(await commentFigures(d.db, k), { received: 7, published: 4, pending: 0, rejected: 3, rejectedBy: { duplicate: 2, abuse: 1 }, adopted: 2, partly: 1 });

  // a write that rolls back leaves the counters as they were
  await assert.rejects(d.db.transaction().execute(async (tx) => {
    await tx.insertInto('consultation_comments').values({ consultation_id: k, name: '', contact_enc: 'x', body: '回滚' }).execute();
    await tx.updateTable('consultation_comments').set({ status: 'pending', adoption: null }).where('id', '=', ids[2]).execute();
    throw new Error('roll back');
  }), /roll back/);
  await same(k, adopted, 'rollback');

  // a comment deleted (e.g. by an operator) and one moved in the same transaction
  await d.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('consultation_comments').where('id', '=', ids[1]).execute();
    await tx.updateTable('consultation_comments').set({ adoption: 'adopted' }).where('id', '=', ids[3]).execute();
    await tx.updateTable('consultation_comments').set({ adoption: 'adopted' }).where('id', '=', ids[3]).execute();
  });
  await same(k, { 'rejected/duplicate/': 2, 'published//adopted': 3, 'published//not_adopted': 1 }, 'delete and update');
  assert.deepEqual(await stored(other), await fresh(other), 'the other consultation too');
  assert.deepEqual(await stored(other), { 'pending//': 1 });
});
