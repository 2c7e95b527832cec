/**
 * Urgent 专题 (issue #11 item 6): a system admin flags 疫情防控 urgent at /admin/portal/topics → a
 * banner under the h1 of the city home and every unit home (also when the page was served before),
 * audited; unflagging removes it. Editors and unit admins are refused; a note over 200 characters
 * is 422 naming the field with nothing written. /topics/:topic/timeline lists releases by date.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { PASSWORD, seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { createDocument, publishDocument, reviewDocument, submitDocument } from '../../documents/commands.ts';
import { ensureTopics } from '../../documents/store/columns.ts';
import { validInput } from '../../documents/store/fixtures.test-helper.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let topicId: number;
let bulletin: number;
const ctx = systemContext('test');
const BANNER = /<section class="urgent-topics" aria-labelledby="h-urgent"><h2 id="h-urgent">紧急关注<\/h2>/;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  await inTransaction(t.db.db, (tx) => ensureTopics(tx));
  topicId = (await t.db.db.selectFrom('doc_topics').select('id').where('key', '=', 'epidemic-prevention').executeTakeFirstOrThrow()).id;
  const db = t.db.db;
  bulletin = (await createDocument(db, ctx, tree.bureau.id, validInput({ title: '测试市司法局关于疫情期间法律服务安排的通告', docNumber: null, topics: ['epidemic-prevention/bulletins'] }))).document.id;
  await submitDocument(db, ctx, bulletin);
  await reviewDocument(db, ctx, bulletin, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(db, ctx, bulletin);
});
after(async () => t?.close());

const urgentRow = () => t.db.db.selectFrom('doc_topics').select(['urgent', 'urgent_note', 'urgent_since']).where('id', '=', topicId).executeTakeFirstOrThrow();

test('flagging 疫情防控 urgent shows a banner on every home page, is audited, and unflagging removes it', async () => {
  // served before the change: no banner
  for (const url of ['/', '/u/bureau/']) {
    const r = await t.app.inject({ url });
    assert.equal(r.statusCode, 200);
    assert.doesNotMatch(r.body, /urgent-topics/, url);
  }
  const admin = new Client(t.app);
  await admin.login('sysadmin', PASSWORD);
  assert.match((await admin.get('/admin')).body, /href="\/admin\/portal\/topics"/, 'linked from the admin nav');
  const list = await admin.get('/admin/portal/topics');
  assert.equal(list.statusCode, 200);
  assert.ok(list.body.includes(`action="/admin/portal/topics/${topicId}/urgent"`));
  const r = await admin.submit('/admin/portal/topics', `/admin/portal/topics/${topicId}/urgent`, { urgent: '1', note: '请关注本市最新疫情防控通告' });
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, '/admin/portal/topics?saved=1');
  assert.match((await admin.get('/admin/portal/topics?saved=1')).body, /已保存/);
  const row = await urgentRow();
  assert.equal(row.urgent, true);
  assert.ok(row.urgent_since instanceof Date);

  for (const url of ['/', '/u/bureau/', '/u/town/']) {
    const page = await t.app.inject({ url });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, BANNER, url);
    const h1 = page.body.indexOf('</h1>');
    assert.ok(h1 > 0 && page.body.indexOf('class="urgent-topics"') > h1, `${url}: the banner comes right after the h1`);
    assert.ok(page.body.indexOf('class="urgent-topics"') < page.body.indexOf('role="search"'), `${url}: before the search box`);
    assert.match(page.body, /<a href="\/topics\/epidemic-prevention" class="urgent-name">疫情防控<\/a>/);
    assert.match(page.body, /请关注本市最新疫情防控通告/);
    assert.match(page.body, /href="\/topics\/epidemic-prevention\/timeline"/);
  }
  const en = await t.app.inject({ url: '/', headers: { cookie: 'lang=en' } });
  assert.match(en.body, /<h2 id="h-urgent">Urgent<\/h2>/);

  const audit = await t.db.db.selectFrom('audit_log').select(['action', 'subject_id', 'actor_name']).where('action', '=', 'document.topic.urgent').execute();
  assert.equal(audit.length, 1);
  assert.equal(String(audit[0].subject_id), String(topicId));
  assert.equal(audit[0].actor_name, 'sysadmin');

  // unflag (the checkbox left unticked)
  const off = await admin.submit('/admin/portal/topics', `/admin/portal/topics/${topicId}/urgent`, { note: '' });
  assert.equal(off.statusCode, 303);
  assert.equal((await urgentRow()).urgent, false);
  for (const url of ['/', '/u/bureau/']) assert.doesNotMatch((await t.app.inject({ url })).body, /urgent-topics/, url);
  assert.equal((await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'document.topic.urgent').execute()).length, 2);
});

test('editors and unit admins are refused; a note over 200 characters is 422 naming the field, nothing changed', async () => {
  for (const name of ['editor', 'countyadmin']) {
    const u = new Client(t.app);
    await u.login(name, PASSWORD);
    assert.equal((await u.get('/admin/portal/topics')).statusCode, 403, name);
    const token = await u.csrf('/admin');
    assert.equal((await u.post(`/admin/portal/topics/${topicId}/urgent`, { _csrf: token, urgent: '1', note: 'x' })).statusCode, 403, name);
  }
  assert.equal((await t.app.inject({ url: '/admin/portal/topics' })).statusCode, 302, 'anonymous: sign in first');

  const admin = new Client(t.app);
  await admin.login('sysadmin', PASSWORD);
  const before = await urgentRow();
  const auditBefore = (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'document.topic.urgent').execute()).length;
  const long = '疫'.repeat(201);
  const r = await admin.submit('/admin/portal/topics', `/admin/portal/topics/${topicId}/urgent`, { urgent: '1', note: long });
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /说明不能超过 200 个字/);
  assert.match(r.body, new RegExp(`<a href="#f-note-${topicId}">说明：`));
  assert.ok(r.body.includes(`value="${long}"`), 'what was typed is kept');
  assert.deepEqual(await urgentRow(), before, 'nothing changed');
  assert.equal((await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'document.topic.urgent').execute()).length, auditBefore);
  assert.equal((await admin.submit('/admin/portal/topics', '/admin/portal/topics/999999/urgent', { urgent: '1', note: '' })).statusCode, 404);
  // a section is not a top-level topic
  const section = await t.db.db.selectFrom('doc_topics').select('id').where('key', '=', 'epidemic-prevention/bulletins').executeTakeFirstOrThrow();
  assert.equal((await admin.submit('/admin/portal/topics', `/admin/portal/topics/${section.id}/urgent`, { urgent: '1', note: '' })).statusCode, 404);
});

test('the timeline lists the topic’s published documents under their date of publication, linked from the topic page', async () => {
  const doc = await t.db.db.selectFrom('documents').select(['publish_date']).where('id', '=', bulletin).executeTakeFirstOrThrow();
  const date = String(doc.publish_date).slice(0, 10);
  assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match((await t.app.inject({ url: '/topics/epidemic-prevention' })).body, /href="\/topics\/epidemic-prevention\/timeline"/);
  const r = await t.app.inject({ url: '/topics/epidemic-prevention/timeline' });
  assert.equal(r.statusCode, 200);
  const day = r.body.search(new RegExp(`<h2><time datetime="${date}">`, 'i'));
  const link = r.body.indexOf(`href="/u/bureau/doc/${bulletin}"`);
  assert.ok(day > 0, 'a heading for the day');
  assert.ok(link > day, 'the document under its day');
  assert.match(r.body.slice(link, link + 400), /class="unit">[^<]+</);
  assert.equal((await t.app.inject({ url: '/topics/six-stabilities-six-guarantees/timeline' })).statusCode, 200);
  assert.doesNotMatch((await t.app.inject({ url: '/topics/six-stabilities-six-guarantees/timeline' })).body, new RegExp(`/doc/${bulletin}"`));
  assert.equal((await t.app.inject({ url: '/topics/nosuch/timeline' })).statusCode, 404);
});
