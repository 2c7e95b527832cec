/**
 * #10 item 6: the appeals register (`/admin/requests/appeals`) and the case page with its 督办 form
 * pass axe-core (WCAG 2.1 AA) and do not scroll sideways on a 375-px phone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { registerByStaff } from '../intake-commands.ts';
import { recordAppeal } from '../store/supervision.ts';
import { ctxFor, paperApplication, requestsTree } from '../store/fixtures.test-helper.ts';

const TODAY = '2025-12-31';
let t: TestApp;
let browser: Browser;
let base: string;
let caseId = 0;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  const tree = await requestsTree(t.db.db);
  const handler = await ctxFor(t.db.db, 'handler');
  ({ caseId } = await registerByStaff(t.db.db, t.cfg, handler, tree.bureau.id, paperApplication('2024-09-02', { info_title: '某小区加装电梯补贴发放情况' }), { today: TODAY }));
  await recordAppeal(t.db.db, handler, caseId, { kind: 'review', outcome: 'pending', filed_on: '2024-10-10', body: '测试市人民政府' }, { today: TODAY });
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const width of [undefined, 375]) {
  const at = width ? ` at ${width} px` : '';
  test(`the appeals register passes axe${at}`, { skip: browserSkip }, async () => {
    const page = await newPage(browser, { width });
    await signIn(page, base, 'handler', PASSWORD);
    await page.goto(`${base}/admin/requests/appeals`);
    await page.getByRole('cell', { name: '测试市人民政府' }).first().waitFor();
    await expectAccessible(page, `appeals register${at}`);
    if (width) assert.ok((await overflow(page)) <= 0, 'no sideways scrolling');
    await page.context().close();
  });

  test(`the case page with the 督办 form open passes axe${at}`, { skip: browserSkip }, async () => {
    const page = await newPage(browser, { width });
    await signIn(page, base, 'supervisor', PASSWORD);
    await page.goto(`${base}/admin/requests/${caseId}`);
    await page.locator('summary', { hasText: '督办本申请' }).click();
    await page.getByLabel(/督办意见/).waitFor();
    await expectAccessible(page, `case page with the 督办 form${at}`);
    if (width) assert.ok((await overflow(page)) <= 0, 'no sideways scrolling');
    await page.context().close();
  });
}
