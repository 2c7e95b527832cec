/**
 * Agency pages in chromium: the editor's draft page and the leader form by label, the 机构职能 column
 * with a published version — axe-core WCAG 2.1 AA, and no sideways scrolling at 375 px.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { seedAgency } from '../demo/agency.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let bureauId: number;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  const tree = await seedTree(t.db.db);
  bureauId = tree.bureau.id;
  await seedAgency(t.db.db, systemContext('test'), () => {});
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('the editor adds a leader by label; draft, form and version pages are accessible', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'editor', PASSWORD);
  await page.goto(`${base}/admin/agency/${bureauId}`);
  await expectAccessible(page, 'agency draft page');
  await page.getByRole('link', { name: '新增领导' }).click();
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expectAccessible(page, 'leader form with errors');
  await page.getByLabel('姓名').fill('测试领导');
  await page.getByLabel('职务').fill('副局长');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.waitForURL(/done=item/);
  assert.match(await page.locator('main').innerText(), /测试领导/);
  await page.goto(`${base}/admin/agency/${bureauId}/versions/1`);
  await expectAccessible(page, 'version page');
  await page.context().close();
});

test('the 机构职能 column: accessible in Chinese and English, fits a 375-px phone', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/u/bureau/xxgk/fdzdgknr/organisation`);
  assert.match(await page.locator('main').innerText(), /领导信息/);
  await expectAccessible(page, 'organisation column');
  await page.goto(`${base}/prefs?lang=en&back=/u/bureau/xxgk/fdzdgknr/organisation`);
  await expectAccessible(page, 'organisation column, English');
  const phone = await newPage(browser, { width: 375 });
  await phone.goto(`${base}/u/bureau/xxgk/fdzdgknr/organisation`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
  await page.context().close();
  await phone.context().close();
});
