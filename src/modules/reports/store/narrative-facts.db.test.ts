/**
 * The narrative draft of part 一 (主动公开: 新闻发布会, 在线访谈; 监督保障: 培训) counts what the platform
 * holds — the interviews and training modules — instead of leaving 【待填写】 where the data exists.
 */
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { narrativeFactsFor } from './sources.ts';
import { draftNarrative } from '../domain/narrative.ts';

let d: TestDb;
before(async () => { d = await testDatabase(); });
after(async () => d.cleanup());

test('press conferences, online interviews and trainings of the year come from the platform', async () => {
  const tree = await seedTree(d.db);
  const now = new Date();
  const event = (unit_id: number, kind: string, status: string, starts_at: string) =>
    d.db.insertInto('interviews').values({ unit_id, kind, status, title: `${kind}-${status}-${starts_at}`, topic: '测试', starts_at, announced_at: now, cancel_reason: status === 'cancelled' ? '改期' : null, created_at: now, updated_at: now }).execute();
  // held in 2025 (counted): 2 press conferences and 1 interview of the bureau
  await event(tree.bureau.id, 'press', 'ended', '2025-03-01T02:00:00Z');
  await event(tree.bureau.id, 'press', 'ended', '2025-12-31T15:30:00Z'); // 2025-12-31 23:30 in Shanghai
  await event(tree.bureau.id, 'interview', 'ended', '2025-06-01T02:00:00Z');
  // not counted: cancelled, still scheduled, another year (2026-01-01 00:30 Shanghai), another unit
  await event(tree.bureau.id, 'interview', 'cancelled', '2025-07-01T02:00:00Z');
  await event(tree.bureau.id, 'press', 'scheduled', '2025-08-01T02:00:00Z');
  await event(tree.bureau.id, 'press', 'ended', '2025-12-31T16:30:00Z');
  await event(tree.other.id, 'press', 'ended', '2025-05-01T02:00:00Z');

  const training = async (unit_id: number, held_on: string, people: number) => {
    const t = await d.db.insertInto('trainings').values({ unit_id, held_on, topic: '条例解读', organiser: '办公室', hours: 2, updated_by: 'test' }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < people; i++) await d.db.insertInto('training_attendance').values({ training_id: t.id, unit_id, name: `学员${i}` }).execute();
  };
  await training(tree.bureau.id, '2025-04-10', 12);
  await training(tree.bureau.id, '2025-11-20', 0);
  await training(tree.bureau.id, '2024-12-31', 5);
  await training(tree.other.id, '2025-04-10', 7);

  const facts = await narrativeFactsFor(d.db, [tree.bureau] as never, 2025);
  assert.equal(facts.proactive?.pressConferences, 2);
  assert.equal(facts.proactive?.onlineInterviews, 1);
  assert.deepEqual(facts.supervision, { trainingSessions: 2, trainedPeople: 12 });

  const n = draftNarrative({ unitName: tree.bureau.name, year: 2025, ...facts });
  const text = n.part1.flatMap((s) => s.paragraphs).join('\n');
  assert.match(text, /召开新闻发布会2场，开展在线访谈1期/);
  assert.match(text, /组织政务公开业务培训2场，参训12人次/);
  assert.doesNotMatch(text, /新闻发布会场次|在线访谈期数|培训场次|参训人次/, 'no placeholder where the platform has the figure');

  // both units together (a government's summary)
  const both = await narrativeFactsFor(d.db, [tree.bureau, tree.other] as never, 2025);
  assert.equal(both.proactive?.pressConferences, 3);
  assert.deepEqual(both.supervision, { trainingSessions: 3, trainedPeople: 19 });
});
