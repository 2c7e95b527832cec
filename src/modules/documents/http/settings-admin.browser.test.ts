/**
 * The 索引号 settings page in a real browser: usable by label, axe-clean (WCAG 2.1 AA) in its normal
 * and error states, on a phone width.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let countyId: number;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  countyId = (await seedTree(t.db.db)).county.id;
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('索引号 settings: form by label, an error; no WCAG 2.1 AA violations', { skip: browserSkip }, async () => {
  const page = await newPage(browser, { width: 375 });
  await signIn(page, base, 'countyadmin', PASSWORD);
  await page.goto(`${base}/admin/documents/settings?unit=${countyId}`);
  await expectAccessible(page, 'index settings');
  await page.getByLabel(/^索引号格式/).fill('{YYYY}-{serial:3}');
  await page.getByRole('button', { name: '保存格式' }).click();
  assert.ok(await page.getByText('格式中必须包含单位代码').count());
  await expectAccessible(page, 'index settings with an error');
});
