/**
 * The API-token pages in a real browser: usable without JavaScript by label, and axe-clean (WCAG
 * 2.1 AA) in their normal, error and one-time-token states, on a phone width.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await seedTree(t.db.db);
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

function login(page: Page, user: string) {
  return signIn(page, base, user, PASSWORD);
}

test('tokens: forms by label, errors, the one-time token; no WCAG 2.1 AA violations', { skip: browserSkip }, async () => {
  const page = await newPage(browser, { width: 375 });
  await login(page, 'countyadmin');
  await page.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: '接口令牌' }).click();
  await expectAccessible(page, 'token list');

  await page.getByLabel(/^令牌名称/).fill('');
  await page.getByLabel(/^有效期/).fill('5000');
  await page.getByRole('button', { name: '创建令牌' }).click();
  assert.ok(await page.getByRole('alert').filter({ hasText: '有效期应为1到3650天' }).count());
  await expectAccessible(page, 'token form with errors');

  await page.getByLabel(/^令牌名称/).fill('演示系统');
  await page.getByLabel(/^有效期/).fill('90');
  await page.getByRole('button', { name: '创建令牌' }).click();
  assert.match(await page.getByLabel('令牌', { exact: true }).inputValue(), /^gk_/);
  await expectAccessible(page, 'token created');

  await page.getByRole('link', { name: /返回令牌列表/ }).click();
  await page.getByRole('link', { name: /撤销/ }).first().click();
  await expectAccessible(page, 'revoke confirmation');
  await page.getByRole('button', { name: '确认撤销' }).click();
  assert.ok(await page.getByRole('status').filter({ hasText: '令牌已撤销' }).count());
});
