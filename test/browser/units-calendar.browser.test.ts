/**
 * The pages of the units lifecycle and the working-day calendar in Debian chromium: axe-core WCAG 2.1 AA
 * on each, the notice import with its preview, a merge through the form, and a 375-px phone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn } from '../helpers/browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let tree: Awaited<ReturnType<typeof seedTree>>;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  tree = await seedTree(t.db.db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('axe-core: the unit pages (list, new in two steps, move, merge, deactivate) and /apply', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'sysadmin', PASSWORD);
  for (const [path, what] of [
    ['/admin/units', 'units list'],
    ['/admin/units/new', 'new unit, step 1'],
    [`/admin/units/new?parent=${CODES.county}`, 'new unit, step 2'],
    [`/admin/units/${tree.bureau.id}`, 'edit unit'],
    [`/admin/units/${tree.bureau.id}/move`, 'move'],
    [`/admin/units/${tree.other.id}/merge`, 'merge'],
    [`/admin/units/${tree.town.id}/deactivate`, 'deactivate'],
    ['/apply', 'apply: choose the unit'],
  ]) {
    await page.goto(base + path);
    await expectAccessible(page, what);
  }
  // a refusal rendered on the page is accessible too
  await page.goto(`${base}/admin/units/${tree.county.id}/deactivate`);
  await page.getByLabel('依据').fill('测试');
  await page.getByRole('button', { name: '停用单位' }).click();
  assert.ok(await page.getByText('在用的下级单位').isVisible());
  await expectAccessible(page, 'deactivate refused');
  // merge through the form
  await page.goto(`${base}/admin/units/${tree.other.id}/merge`);
  await page.getByLabel('并入的单位').selectOption(CODES.bureau);
  await page.getByLabel('依据').fill('测试机构改革方案');
  await page.getByRole('button', { name: '合并单位' }).click();
  await page.waitForURL(`${base}/admin/units?done=merged`);
  assert.ok(await page.getByText('单位已合并').isVisible());
  await page.goto(`${base}/u/other/`);
  assert.ok(await page.getByText('本单位已于').isVisible());
  await expectAccessible(page, 'merged unit home');
  await page.context().close();
});

test('the calendar: axe on the page, the month view and the import preview; 375 px without overflow', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'sysadmin', PASSWORD);
  await page.goto(`${base}/admin/calendar?month=2027-01`);
  await expectAccessible(page, 'calendar');
  // an unusual entry asks for confirmation
  await page.getByLabel('日期').fill('2027-01-09');
  await page.getByLabel('依据文件').fill('示例');
  await page.getByRole('button', { name: '保存' }).click();
  assert.ok(await page.getByText('本来就是休息日').isVisible());
  await expectAccessible(page, 'calendar, confirm an unusual entry');
  await page.goto(`${base}/admin/calendar/import`);
  await expectAccessible(page, 'import');
  await page.getByLabel('放假安排').fill('年份：2027\n文号：国办发明电〔2026〕示例号\n元旦：2027-01-01至2027-01-03\n春节：2月5日至11日；上班：2月14日、2月20日');
  await page.getByRole('button', { name: '预览' }).click();
  assert.ok(await page.getByText('新增 12 天').isVisible());
  await expectAccessible(page, 'import preview');
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.waitForURL(/\/admin\/calendar\?done=marked/);
  assert.ok(await page.getByText('已确认该年安排完整载入').isVisible());
  await page.context().close();

  const phone = await newPage(browser, { width: 375 });
  await signIn(phone, base, 'sysadmin', PASSWORD);
  for (const path of ['/admin/calendar?month=2027-02', '/admin/units']) {
    await phone.goto(base + path);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  await phone.context().close();
});
