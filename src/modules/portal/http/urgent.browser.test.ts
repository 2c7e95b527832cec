/** Urgent 专题: the home page with the banner, the timeline and the admin list pass axe (WCAG 2.1 AA) and fit 375 px. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { PASSWORD, seedTree } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, expectAccessible, launch, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { createDocument, publishDocument, reviewDocument, submitDocument } from '../../documents/commands.ts';
import { ensureTopics } from '../../documents/store/columns.ts';
import { validInput } from '../../documents/store/fixtures.test-helper.ts';
import { setTopicUrgent } from '../commands.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  const tree = await seedTree(t.db.db);
  await inTransaction(t.db.db, (tx) => ensureTopics(tx));
  const ctx = systemContext('test');
  const id = (await createDocument(t.db.db, ctx, tree.bureau.id, validInput({ title: '测试市司法局关于疫情期间法律服务安排的通告', docNumber: null, topics: ['epidemic-prevention/bulletins'] }))).document.id;
  await submitDocument(t.db.db, ctx, id);
  await reviewDocument(t.db.db, ctx, id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db.db, ctx, id);
  const topic = await t.db.db.selectFrom('doc_topics').select('id').where('key', '=', 'epidemic-prevention').executeTakeFirstOrThrow();
  await setTopicUrgent(t.db.db, ctx, topic.id, { urgent: true, note: '请关注本市最新疫情防控通告，做好个人防护，配合社区（村）开展排查工作。' });
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('axe: the home with the urgent banner, the timeline and the admin list; 375 px without sideways scrolling', { skip: browserSkip }, async () => {
  const page = await newPage(browser, { width: 375 });
  for (const [path, what] of [['/', 'city home with the urgent banner'], ['/u/bureau/', 'unit home with the urgent banner'], ['/topics/epidemic-prevention/timeline', 'topic timeline']]) {
    const r = await page.goto(base + path);
    assert.equal(r?.status(), 200, path);
    assert.equal(await page.locator('section.urgent-topics').count(), path.startsWith('/topics') ? 0 : 1, path);
    await expectAccessible(page, what);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  await page.context().close();
  const admin = await newPage(browser);
  await signIn(admin, base, 'sysadmin', PASSWORD);
  await admin.goto(`${base}/admin/portal/topics`);
  await expectAccessible(admin, 'urgent topics admin list');
  await admin.context().close();
});
