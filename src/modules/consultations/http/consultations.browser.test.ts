/** Consultation pages in chromium: axe-core WCAG 2.1 AA on the public list, a consultation (and its form with errors), the admin page; 375 px. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { seedConsultations } from '../demo/consultations.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await seedTree(t.db.db);
  await seedConsultations(t.db.db, t.cfg, systemContext('test'), () => {});
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('lists, a consultation with its comment form (also with errors) and the admin page are accessible; 375 px', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/consultations`);
  await expectAccessible(page, 'cluster list');
  await page.getByRole('link', { name: /停车设施/ }).first().click();
  const detail = page.url();
  await expectAccessible(page, 'open consultation');
  await page.getByRole('button', { name: '提交意见' }).click();
  assert.match(await page.locator('main').innerText(), /请填写联系电话或电子邮箱|验证问题|提交过快/);
  await expectAccessible(page, 'comment form with errors');
  await page.goto(detail);
  await page.getByRole('link', { name: /报名参加听证会/ }).click();
  await expectAccessible(page, 'hearing sign-up form');
  await page.goto(`${base}/consultations`);
  await page.getByRole('link', { name: /生活垃圾分类/ }).first().click();
  assert.match(await page.locator('main').innerText(), /意见采纳情况/);
  await expectAccessible(page, 'closed consultation with feedback');
  await signIn(page, base, 'reviewer', PASSWORD);
  await page.goto(`${base}/admin/consultations`);
  await expectAccessible(page, 'admin list');
  const phone = await newPage(browser, { width: 375 });
  for (const url of [`${base}/u/city/consultations`, detail]) {
    await phone.goto(url);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on ${url} (overflow ${overflow}px)`);
  }
  await page.context().close();
  await phone.context().close();
});
