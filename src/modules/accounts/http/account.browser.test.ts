/**
 * 我的账号 (own password) and a user's 登录保护 with 解锁, in a real browser at phone width: usable by
 * label without JavaScript, axe-clean (WCAG 2.1 AA) in the normal, error and notice states.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let tree: Awaited<ReturnType<typeof seedTree>>;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  tree = await seedTree(t.db.db);
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('my account: change the password by label; errors and the notice are accessible', { skip: browserSkip }, async () => {
  const page = await newPage(browser, { width: 375 });
  await signIn(page, base, 'reviewer', PASSWORD);
  await page.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: '我的账号' }).click();
  await expectAccessible(page, 'my account');
  await page.getByLabel(/^当前密码/).fill('not-my-password');
  await page.getByLabel(/^新密码/).fill('Password123!');
  await page.getByLabel(/^再次输入新密码/).fill('Password123!');
  await page.getByRole('button', { name: '修改密码' }).click();
  assert.ok(await page.getByText('当前密码不正确').count());
  assert.ok(await page.getByText(/密码太容易被猜中/).count());
  await expectAccessible(page, 'my account with errors');
  await page.getByLabel(/^当前密码/).fill(PASSWORD);
  await page.getByLabel(/^新密码/).fill('Orchid-Ladder-26^');
  await page.getByLabel(/^再次输入新密码/).fill('Orchid-Ladder-26^');
  await page.getByRole('button', { name: '修改密码' }).click();
  assert.ok(await page.getByRole('status').filter({ hasText: '密码已修改' }).count());
  await expectAccessible(page, 'my account after the change');
  await page.context().close();
});

test('a user’s sign-in protection and 解锁', { skip: browserSkip }, async () => {
  // three free failures and one that starts the wait, from one address
  for (let i = 0; i < 4; i++) await new Client(t.app, '10.20.0.1').submit('/admin/login', '/admin/login', { username: 'editor', password: 'wrong-password' });
  const page = await newPage(browser, { width: 375 });
  await signIn(page, base, 'sysadmin', PASSWORD);
  await page.goto(`${base}/admin/users/${tree.users.editor}`);
  assert.ok(await page.getByRole('heading', { name: '登录保护' }).count());
  assert.ok(await page.getByRole('cell', { name: '10.20.0.1' }).count());
  await expectAccessible(page, 'user page with sign-in protection');
  await page.getByRole('button', { name: '解锁' }).click();
  assert.ok(await page.getByRole('status').filter({ hasText: '已解锁' }).count());
  await expectAccessible(page, 'user page after unlocking');
  await page.context().close();
});
