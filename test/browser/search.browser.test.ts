// The 信息检索 page in a real browser: search from the unit navigation, open the filters, page
// through, follow a result; axe-core finds no WCAG 2.1 AA violation (with results, with the
// filters open, with a message, in English), and it fits a 375-px screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserSkip, launch, expectAccessible, newPage } from '../helpers/browser.ts';
import { seedSearchFixtures, type Fixtures } from '../../src/modules/search/store/fixtures.test-helper.ts';

let t: TestApp;
let fx: Fixtures;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  fx = await seedSearchFixtures(t.db.db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('search from a unit site, filter, sort and open a result', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/u/city/`);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '搜索' }).click();
  await page.waitForURL(`${base}/search?unit=city`);
  await page.getByLabel('搜索关键词').fill('政务公开');
  await page.getByRole('button', { name: '搜索' }).first().click();
  await page.waitForURL(/q=/);
  assert.match((await page.getByRole('status').textContent()) ?? '', /共找到 5 条结果/);
  await expectAccessible(page, 'search results');

  await page.getByText('高级筛选').click();
  await page.getByLabel('公文种类').selectOption('notice');
  await page.getByRole('radio', { name: '按发布日期' }).check();
  await page.getByRole('button', { name: '搜索' }).last().click();
  await page.waitForURL(/type=notice/);
  assert.match((await page.getByRole('status').textContent()) ?? '', /共找到 3 条结果/);
  await expectAccessible(page, 'search results with the filters open');

  await page.getByRole('link', { name: '测试县人民政府关于做好春季森林防火工作的通知' }).click();
  await page.waitForURL(`${base}/u/county/doc/${fx.ids.forest}`);
  await page.context().close();
});

test('messages for an empty query and a bad filter are accessible; English too', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/search?q=`);
  assert.match((await page.getByRole('alert').textContent()) ?? '', /请输入搜索关键词/);
  await expectAccessible(page, 'empty query message');
  await page.goto(`${base}/search?q=x&from=2020-99-01`);
  await expectAccessible(page, 'bad filter');
  await page.goto(`${base}/prefs?lang=en&back=${encodeURIComponent('/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80')}`);
  assert.match((await page.getByRole('status').textContent()) ?? '', /5 results/);
  await expectAccessible(page, 'search page in English');
  await page.context().close();
});

test('fits a 375-px screen', { skip: browserSkip }, async () => {
  const page = await newPage(browser, { width: 375 });
  await page.goto(`${base}/search?q=${encodeURIComponent('政务公开')}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
  await expectAccessible(page, 'search page at 375 px');
  await page.context().close();
});
