/**
 * The link copies and stored Last-Modified of migration 1190_topic_links_public (store/topic-links.ts)
 * stay right through the commands that change a 专题 list — publish, relink to another section,
 * withdraw, republish — and through a plain SQL delete; and the topic page read from them
 * (store/topic-page.ts) is the page the scope query (`publicDocumentPage`) gives, for the topic and
 * for each section, on every page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { createDocument, publishDocument, reopenDocument, reviewDocument, submitDocument, updateDocument, withdrawDocument } from '../commands.ts';
import { ensureTopics } from './columns.ts';
import { publicDocumentPage } from './queries.ts';
import { topicDocumentPage } from './topic-page.ts';
import { publishedDocument, validInput } from './fixtures.test-helper.ts';

let t: TestDb;
let unitId: number;
const ctx = systemContext('test');
const TOPIC = 'six-stabilities-six-guarantees';
const POLICIES = `${TOPIC}/policies`;
const PROGRESS = `${TOPIC}/progress`;
const OTHER = 'business-environment/services';

before(async () => {
  t = await testDatabase();
  unitId = (await seedTree(t.db)).bureau.id;
  await inTransaction(t.db, (tx) => ensureTopics(tx));
});
after(async () => t.close());

async function assertCopies(): Promise<void> {
  const r = await sql<{ n: number }>`select count(*)::int as n from document_topics dt join documents d on d.id = dt.document_id
    where dt.public <> (d.status = 'published' and d.disclosure = 'proactive') or dt.published_at is distinct from d.published_at`.execute(t.db);
  assert.equal(r.rows[0].n, 0, 'every link carries its document’s public state and date');
  const drift = await sql<{ key: string; stored: number; real: number }>`
    select t.key, coalesce(tc.published, -1) as stored, (select count(distinct l.document_id)::int from document_topics l
      join doc_topics s on s.id = l.topic_id join documents d on d.id = l.document_id
      where (s.key = t.key or s.key like t.key || '/%') and d.status = 'published' and d.disclosure = 'proactive') as real
    from doc_topics t left join topic_counts tc on tc.topic_id = t.id`.execute(t.db);
  assert.deepEqual(drift.rows.filter((x) => x.stored !== x.real), [], 'stored counts equal the real ones for every topic and section');
}

/** Every page of `key` (2 a page) as the scope query gives it. `later`: a document left the scope
 * (unlinked or deleted) without a trace there, so the stored Last-Modified is the leaving's: not older. */
async function samePages(key: string, later = false): Promise<number> {
  const first = await publicDocumentPage(t.db, { topicKey: key }, 1, 2);
  for (let page = 1; page <= first.pages + 1; page++) {
    const a = await publicDocumentPage(t.db, { topicKey: key }, page, 2);
    const b = await topicDocumentPage(t.db, key, page, 2);
    if (later && a.lastModified) {
      assert.ok(b.lastModified!.getTime() >= a.lastModified.getTime(), `${key} page ${page}: Last-Modified not older`);
      b.lastModified = a.lastModified;
    }
    assert.deepEqual({ ...b, lastModified: b.lastModified?.getTime() }, { ...a, lastModified: a.lastModified?.getTime() }, `${key} page ${page}`);
  }
  return first.total;
}
const allSame = async (later = false) => {
  for (const key of [TOPIC, POLICIES, PROGRESS, OTHER, 'business-environment', 'no-such-topic']) await samePages(key, later);
};

const publish = (topics: string[], title: string) => publishedDocument(t.db, ctx, unitId, validInput({ topics, title }));
const lastChange = async (key: string) => {
  const r = await sql<{ last: Date | null }>`select tc.last_change as last from topic_counts tc join doc_topics t on t.id = tc.topic_id where t.key = ${key}`.execute(t.db);
  assert.equal(r.rows.length, 1, `${key} has its row`);
  return r.rows[0].last ? new Date(r.rows[0].last).getTime() : null;
};

test('专题 pages read from the link index equal the scope query through publish, relink, withdraw, republish and delete', async () => {
  assert.equal(await lastChange(POLICIES), null, 'a new section starts with no change');
  const draft = await createDocument(t.db, ctx, unitId, validInput({ topics: [POLICIES], title: '草稿不列出' }));
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) ids.push(await publish(i % 2 ? [POLICIES, PROGRESS] : [POLICIES], `六稳六保政策文件第${i + 1}号`));
  const d6 = await publish([OTHER], '营商环境办事服务指南');
  await assertCopies();
  assert.equal(await samePages(TOPIC), 5, 'a document in two sections counts once in the topic');
  assert.equal(await samePages(PROGRESS), 2);
  await allSame();

  // an edit moves a published document to another section: the section it left changed now
  const before = (await lastChange(POLICIES))!;
  await updateDocument(t.db, ctx, ids[0], validInput({ topics: [OTHER], title: '六稳六保政策文件第1号' }));
  assert.ok((await lastChange(POLICIES))! >= before);
  await assertCopies();
  await allSame(true);

  // withdrawn: out of the list, whose Last-Modified moves to the withdrawal
  await withdrawDocument(t.db, ctx, ids[1], '内容有误需要更正');
  const w = await t.db.selectFrom('documents').select('updated_at').where('id', '=', ids[1]).executeTakeFirstOrThrow();
  assert.ok((await lastChange(PROGRESS))! >= new Date(w.updated_at).getTime());
  await assertCopies();
  await allSame(true);

  // reopened and published again
  await reopenDocument(t.db, ctx, ids[1]);
  await submitDocument(t.db, ctx, ids[1]);
  await reviewDocument(t.db, ctx, ids[1], { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db, ctx, ids[1], { lateReason: '历史文件补录公开' });
  await assertCopies();
  await allSame(true);

  // deleted (the links cascade): gone from the lists at once
  await sql`delete from documents where id in (${ids[2]}, ${d6}, ${draft.document.id})`.execute(t.db);
  await assertCopies();
  await allSame(true);
  assert.equal((await topicDocumentPage(t.db, TOPIC, 1, 50)).total, 3, 'five published, one moved out, one deleted');

  // a page past the end is the last page, as on columns
  const last = await topicDocumentPage(t.db, TOPIC, 999, 2);
  assert.equal(last.page, 2);
  assert.equal(last.items.length, 1);
});

test('a bulk link insert and a deleted section keep the stored counts', async () => {
  const ids = [await publish([], '批量关联甲'), await publish([], '批量关联乙')];
  // one statement, each document in two sections of one topic, and one already there
  const sec = await t.db.selectFrom('doc_topics').select(['id', 'key']).where('key', 'like', `${TOPIC}/%`).execute();
  await t.db.insertInto('document_topics').values(ids.flatMap((document_id) => sec.slice(0, 2).map((s) => ({ document_id, topic_id: s.id })))).execute();
  await assertCopies();
  await allSame(true);
  // a section deleted by hand (the application only deactivates): its links go, the topic is recounted
  await sql`delete from doc_topics where id = ${sec[2].id}`.execute(t.db);
  await assertCopies();
});

test('a key with LIKE wildcards matches only itself and its own sections', async () => {
  // 'six_stabilities…' must not match 'six-stabilities…' through `_`
  const page = await topicDocumentPage(t.db, TOPIC.replaceAll('-', '_'), 1);
  assert.equal(page.total, 0);
  assert.equal((await topicDocumentPage(t.db, '%', 1)).total, 0);
});
