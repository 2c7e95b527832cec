/** The 权责清单 pages in chromium: axe-core WCAG 2.1 AA on the public list, an item, the yearly diff and the admin pages; 375 px. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createList, importItems, moveList } from '../commands.ts';
import type { ItemInput } from '../domain/rules.ts';

let t: TestApp;
let browser: Browser;
let base: string;
const item = (code: string, name: string, extra: Partial<ItemInput> = {}): ItemInput => ({ type: 'licensing', code, name, basis: '《中华人民共和国律师法》第十八条', subject: '测试市司法局', duties: '受理、审查、决定', accountability: '不依法受理的', ...extra });

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  const tree = await seedTree(t.db.db);
  const sys = systemContext('test');
  for (const [year, items] of [[2019, [item('A-1', '律师事务所设立许可'), item('A-2', '人民调解员培训', { type: 'other' })]], [2020, [item('A-1', '律师事务所设立许可', { basis: '《中华人民共和国律师法》第十八条、第十九条' }), item('A-3', '对律师违法执业的处罚', { type: 'penalty' })]]] as const) {
    const id = await createList(t.db.db, sys, tree.bureau.id, year);
    await importItems(t.db.db, sys, id, [...items], 'test');
    await moveList(t.db.db, sys, id, 'publish');
  }
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('public list, item, diff and admin pages are accessible; list and diff fit a 375-px phone', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/u/bureau/powers`);
  assert.equal(await page.locator('tbody tr').count(), 2);
  await expectAccessible(page, 'powers list');
  await page.locator('tbody a').first().click();
  await expectAccessible(page, 'power item');
  await page.goto(`${base}/u/bureau/powers/diff?year=2020`);
  assert.equal(await page.locator('ins').count() > 0, true);
  await expectAccessible(page, 'yearly diff');
  await signIn(page, base, 'editor', PASSWORD);
  await page.goto(`${base}/admin/powers`);
  await expectAccessible(page, 'admin lists');
  await page.locator('tbody a').first().click();
  await expectAccessible(page, 'admin list with its items');
  const phone = await newPage(browser, { width: 375 });
  for (const url of ['/u/bureau/powers', '/u/bureau/powers/diff?year=2020']) {
    await phone.goto(`${base}${url}`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${url}: no sideways scrolling (overflow ${overflow}px)`);
  }
  await page.context().close();
  await phone.context().close();
});
