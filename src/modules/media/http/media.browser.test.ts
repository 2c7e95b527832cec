/** The 政务新媒体 pages in chromium: axe-core WCAG 2.1 AA on the public list and the account page; 375 px. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { seedMedia } from '../demo/media.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let made = 0;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await seedTree(t.db.db);
  made = await seedMedia(t.db.db, systemContext('test'), () => {});
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('public list and account page are accessible; the list fits a 375-px phone', { skip: browserSkip }, async () => {
  assert.ok(made >= 4);
  const page = await newPage(browser);
  await page.goto(`${base}/media`);
  assert.equal(await page.locator('tbody tr').count(), made);
  await expectAccessible(page, 'new-media list');
  await signIn(page, base, 'supervisor', PASSWORD);
  await page.goto(`${base}/admin/media`);
  await expectAccessible(page, 'admin list');
  await page.locator('tbody a').first().click();
  await expectAccessible(page, 'account page with the inspection form');
  await page.getByRole('button', { name: '记录检查' }).click();
  await expectAccessible(page, 'inspection form with errors');
  const phone = await newPage(browser, { width: 375 });
  await phone.goto(`${base}/u/city/media`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
  await page.context().close();
  await phone.context().close();
});
