import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage } from '../helpers/browser.ts';
import { makeUscc } from '../../src/modules/units/uscc.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await seedTree(t.db.db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address() as { port: number };
  base = `http://127.0.0.1:${addr.port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('log in, create a unit, see it on the portal', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/admin`);
  assert.match(page.url(), /\/admin\/login/);
  await page.getByLabel('用户名').fill('sysadmin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${base}/admin`);
  await page.getByRole('link', { name: '单位与备案' }).click();
  await page.getByRole('link', { name: '新建单位', exact: true }).click();
  // step 1: the parent; step 2 offers only the types allowed under it
  await page.getByLabel('上级单位').selectOption(CODES.city);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('单位代码（统一社会信用代码）').fill(makeUscc('211300', 'BR000001'));
  await page.getByLabel('单位名称').fill('测试市营商环境建设局');
  await page.getByLabel('简称').fill('营商局');
  await page.getByLabel('单位类型').selectOption('department');
  await page.getByLabel('网址标识').fill('yshj');
  await page.getByLabel('联系电话').fill('0421-5550123');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(/\/admin\/units\/\d+/);
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: '测试市营商环境建设局' }).click();
  await page.waitForURL(`${base}/u/yshj/`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '测试市营商环境建设局');
  assert.ok(await page.getByText('0421-5550123').isVisible());
  await page.context().close();
});

test('axe-core: portal home, a unit home and the login page have no WCAG 2.1 AA violations', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  for (const [path, what] of [['/', 'portal home'], ['/u/bureau/', 'unit home'], ['/admin/login', 'login page'], ['/u/bureau/xxgk/zn', 'guide page']]) {
    await page.goto(base + path);
    await expectAccessible(page, what);
  }
  // elder mode and English too
  await page.goto(`${base}/prefs?elder=1&lang=en&back=/u/bureau/`);
  await expectAccessible(page, 'unit home, elder mode, English');
  await page.context().close();
});

test('a 375-px phone: no horizontal scrolling on the portal', { skip: browserSkip }, async () => {
  const page = await newPage(browser, { width: 375 });
  for (const path of ['/', '/u/bureau/', '/u/bureau/xxgk/']) {
    await page.goto(base + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  await page.context().close();
});

test('keyboard: the skip link is the first tab stop and moves focus to the main content', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/u/bureau/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await page.context().close();
});
