/** Message pages in chromium: axe-core WCAG 2.1 AA on the public list with the ask form (also with errors), an answer, the status page, the staff inbox and a message; 375 px. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { seedMessages } from '../demo/messages.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await seedTree(t.db.db);
  await seedMessages(t.db.db, t.cfg, systemContext('test'), () => {});
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('list with ask form (also with errors), an answer, status page, staff inbox and message are accessible; 375 px', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/u/bureau/messages`);
  await expectAccessible(page, 'unit list with the ask form');
  await page.getByRole('button', { name: '提交留言' }).click();
  assert.match(await page.locator('main').innerText(), /请选择留言类别|验证问题|提交过快/);
  await expectAccessible(page, 'ask form with errors');
  await page.goto(`${base}/messages`);
  await page.getByRole('link', { name: /高龄津贴的申领条件/ }).first().click();
  assert.match(await page.locator('main').innerText(), /便民服务中心/);
  await expectAccessible(page, 'a published answer');
  const answer = page.url();
  await page.goto(`${base}/messages/status`);
  await expectAccessible(page, 'status page');
  await signIn(page, base, 'editor', PASSWORD);
  await page.goto(`${base}/admin/messages`);
  await expectAccessible(page, 'staff inbox');
  await page.getByRole('link', { name: /低保申请/ }).first().click();
  await expectAccessible(page, 'staff message page');
  const phone = await newPage(browser, { width: 375 });
  for (const url of [`${base}/u/bureau/messages`, answer]) {
    await phone.goto(url);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on ${url} (overflow ${overflow}px)`);
  }
  await page.context().close();
  await phone.context().close();
});
