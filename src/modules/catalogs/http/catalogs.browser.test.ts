/** The catalog pages in chromium: axe-core WCAG 2.1 AA on the public page, the admin catalog, a row with its fulfilment and the coverage report; 375 px; the public page works without JavaScript. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createCatalog, importRows, moveCatalog, setTrigger } from '../commands.ts';
import { validateRow } from '../domain/rules.ts';

let t: TestApp;
let browser: Browser;
let base: string;
const row = (seq: number, item2: string) => validateRow({ seq: String(seq), item1: '政策文件', item2, content: '招生范围、入学条件、报名时间和方式、所需材料、咨询电话', basis: '《中华人民共和国义务教育法》\n《中华人民共和国政府信息公开条例》', deadline: '信息形成或者变更之日起20个工作日内', subject: '测试县教育局', channels: ['website', 'newmedia', 'board'], audiences: ['public'], modes: ['proactive'], levels: ['county', 'township'] }).value;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  const tree = await seedTree(t.db.db);
  const sys = systemContext('test');
  const id = await createCatalog(t.db.db, sys, tree.county.id, '21', 2020);
  await importRows(t.db.db, sys, id, [row(1, '义务教育招生入学政策'), row(2, '辖区义务教育学校名录')], 'test');
  await moveCatalog(t.db.db, sys, id, 'publish');
  const first = await t.db.db.selectFrom('catalog_rows').select('id').where('catalog_id', '=', id).orderBy('seq').executeTakeFirstOrThrow();
  await setTrigger(t.db.db, sys, first.id, '2020-09-28');
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('public catalog, admin catalog, row and coverage pages are accessible; the public page fits a 375-px phone and needs no JavaScript', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/u/county/catalogs`);
  assert.equal(await page.locator('tbody tr').count(), 2);
  await expectAccessible(page, 'public catalog');
  await signIn(page, base, 'countyadmin', PASSWORD);
  await page.goto(`${base}/admin/catalogs`);
  await expectAccessible(page, 'admin catalogs');
  await page.locator('tbody a').first().click();
  await expectAccessible(page, 'admin catalog with its rows');
  await page.locator('tbody a').first().click();
  await expectAccessible(page, 'row with its fulfilment');
  await page.goto(`${base}/admin/catalogs/coverage?unit=county`);
  assert.match(await page.content(), /逾期未公开/);
  await expectAccessible(page, 'coverage report');
  const phone = await newPage(browser, { width: 375 });
  for (const url of ['/u/county/catalogs', '/u/county/catalogs?area=21']) {
    await phone.goto(`${base}${url}`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${url}: no sideways scrolling (overflow ${overflow}px)`);
  }
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(`${base}/u/county/catalogs`);
  await plain.locator('a[href*="area=21"]').first().click();
  assert.match(plain.url(), /area=21/);
  assert.equal(await plain.locator('tbody tr').count(), 2);
  await noJs.close();
  await page.context().close();
  await phone.context().close();
});
