/** Interview pages in chromium: axe-core WCAG 2.1 AA on the list, a past interview with transcript, a press conference, the question form (also with errors), the admin page; 375 px. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { seedInterviews } from '../demo/interviews.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await seedTree(t.db.db);
  assert.equal(await seedInterviews(t.db.db, t.cfg, systemContext('test'), () => {}), 3);
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('list, past interview, press conference, question form (with errors) and admin page are accessible; 375 px', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/u/city/interviews`);
  await expectAccessible(page, 'unit list');
  await page.getByRole('link', { name: /六稳/ }).first().click();
  assert.match(await page.locator('main').innerText(), /文字实录[\s\S]*稳岗返还/);
  await expectAccessible(page, 'past interview with transcript');
  await page.goto(`${base}/u/city/interviews`);
  await page.getByRole('link', { name: /新闻发布会/ }).first().click();
  assert.match(await page.locator('main').innerText(), /发布人[\s\S]*发布词/);
  await expectAccessible(page, 'press conference');
  await page.goto(`${base}/u/city/interviews`);
  await page.getByRole('link', { name: /高校毕业生就业服务/ }).first().click();
  const upcoming = page.url();
  await page.getByRole('button', { name: '提交问题' }).click();
  assert.match(await page.locator('main').innerText(), /请填写联系电话或电子邮箱|验证问题|提交过快/);
  await expectAccessible(page, 'question form with errors');
  await page.goto(`${base}/u/city/xxgk/zcjd`);
  assert.match(await page.locator('main').innerText(), /在线访谈与新闻发布会/);
  await expectAccessible(page, '政策解读 column with the block');
  await signIn(page, base, 'sysadmin', PASSWORD);
  await page.goto(`${base}/admin/interviews`);
  await expectAccessible(page, 'admin list');
  await page.getByRole('link', { name: /高校毕业生就业服务/ }).first().click();
  await expectAccessible(page, 'admin event page');
  const phone = await newPage(browser, { width: 375 });
  for (const url of [`${base}/u/city/interviews`, upcoming]) {
    await phone.goto(url);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on ${url} (overflow ${overflow}px)`);
  }
  await page.context().close();
  await phone.context().close();
});
