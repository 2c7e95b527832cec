/**
 * The annual report in a real browser: an editor completes the narrative, a reviewer publishes the
 * report from its page, and the report is then found in the unit's 政府信息公开年报 column, laid out
 * like the official format. axe-core (WCAG 2.1 AA) on the admin report page, the drill-down and the
 * public pages; no horizontal page scrolling at 375 px (the wide tables scroll inside their region).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../helpers/app.ts';
import { seedTree, PASSWORD } from '../helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn as signInAt } from '../helpers/browser.ts';
import { systemContext } from '../../src/core/commands/context.ts';
import { MANUAL_2021 } from '../../src/modules/reports/domain/test-fixture.ts';
import { importManualFigures } from '../../src/modules/reports/commands.ts';
import { insertFixture } from '../../src/modules/reports/store/fixtures.test-helper.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let tree: Awaited<ReturnType<typeof seedTree>>;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  tree = await seedTree(t.db.db);
  await insertFixture(t.db.db, 2024, tree.bureau.id, tree.other.id);
  await importManualFigures(t.db.db, systemContext('test'), tree.bureau.id, 2024, MANUAL_2021);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(user: string, width?: number): Promise<Page> {
  const page = await newPage(browser, width ? { width } : {});
  await signInAt(page, base, user, PASSWORD);
  return page;
}

test('an editor completes the narrative; a reviewer publishes; the report is in the column', { skip: browserSkip }, async () => {
  const reportPath = `/admin/reports/${tree.bureau.id}/2024/unit`;

  // the editor: from the dashboard to the report, then the narrative form
  const editor = await signIn('editor');
  await editor.getByRole('link', { name: '年度报告', exact: true }).click();
  await editor.waitForURL(`${base}/admin/reports`);
  await editor.goto(`${base}/admin/reports?year=2024`);
  await editor.getByRole('link', { name: '测试市司法局' }).click();
  await editor.waitForURL(`${base}${reportPath}`);
  assert.equal(await editor.getByRole('heading', { level: 1 }).textContent(), '测试市司法局2024年政府信息公开工作年度报告');
  await expectAccessible(editor, 'admin report page');
  await editor.getByRole('link', { name: '编辑正文（一、五、六）' }).click();
  // replace every 【待填写：…】 in the pre-filled draft, as a person would type the facts in
  for (const box of await editor.locator('textarea').all()) {
    const v = await box.inputValue();
    await box.fill(v.replace(/【待填写：[^】]*】/g, '（已核实）'));
  }
  await editor.getByRole('button', { name: '保存' }).click();
  await editor.waitForURL(`${base}${reportPath}`);
  assert.equal(await editor.getByRole('button', { name: '发布' }).count(), 0, 'editors do not publish');
  // a drill-down from a number in table 3
  await editor.locator('td[data-cell="table3.3.1.natural"] a').click();
  await editor.waitForURL(/\/drill\?cell=table3\.3\.1\.natural/);
  assert.equal(await editor.locator('tbody tr').count(), 4);
  await expectAccessible(editor, 'drill-down page');
  await editor.context().close();

  // the reviewer publishes
  const reviewer = await signIn('reviewer');
  assert.ok(await reviewer.getByText('年度政府信息公开工作年度报告').first().isVisible(), 'dashboard widget');
  await reviewer.goto(`${base}${reportPath}`);
  await reviewer.getByRole('button', { name: '发布' }).click();
  await reviewer.waitForURL(`${base}${reportPath}`);
  assert.ok(await reviewer.getByText('已发布', { exact: true }).isVisible());
  await reviewer.context().close();

  // anyone: the unit's 政府信息公开年报 column
  const visitor = await newPage(browser);
  await visitor.goto(`${base}/u/bureau/xxgk/`);
  await visitor.getByRole('link', { name: '政府信息公开年报' }).first().click();
  await visitor.waitForURL(`${base}/u/bureau/xxgk/nb`);
  await expectAccessible(visitor, 'annual report column');
  await visitor.getByRole('link', { name: '测试市司法局2024年政府信息公开工作年度报告' }).click();
  await visitor.waitForURL(`${base}/u/bureau/xxgk/nb/2024`);
  assert.equal(await visitor.getByRole('heading', { level: 1 }).textContent(), '测试市司法局2024年政府信息公开工作年度报告');
  assert.equal(await visitor.locator('table#table3 td[data-cell="table3.3.1.total"]').textContent(), '10');
  assert.equal(await visitor.locator('table#table4 td[data-cell="table4.review.total"]').textContent(), '4');
  assert.equal(await visitor.locator('table#table3 th[scope="rowgroup"]', { hasText: '三、本年度办理结果' }).getAttribute('rowspan'), '22');
  assert.ok(await visitor.getByText('（已核实）').first().isVisible());
  await expectAccessible(visitor, 'published report page');
  const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByRole('link', { name: 'PDF' }).click()]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  await visitor.context().close();
});

test('a 375-px phone: the report page does not scroll sideways; its tables scroll in their region', { skip: browserSkip }, async () => {
  const page = await newPage(browser, { width: 375 });
  await page.goto(`${base}/u/bureau/xxgk/nb/2024`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  const region = page.getByRole('region', { name: '测试市司法局2024年政府信息公开工作年度报告' });
  const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
  assert.ok(scrolls, 'the tables scroll inside their region');
  await page.context().close();
});
