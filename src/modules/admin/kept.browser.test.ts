/**
 * The recovery screen of kept submissions (admin/kept.tsx) in chromium: a message the database refused
 * is listed for its handler without the contact, and the screen passes axe-core (WCAG 2.1 AA) in
 * Chinese and English; recovering it by the button leads to the message; the list fits a 375-px phone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../test/helpers/browser.ts';
import { submitMessage } from '../messages/commands/public.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  const tree = await seedTree(t.db.db);
  // the database refuses the message (a full disk, simulated): it is kept, encrypted
  await sql`create function kept_browser_broken() returns trigger language plpgsql as $$ begin raise exception 'disk full (simulated)' using errcode = '53100'; end $$`.execute(t.db.db);
  await sql`create trigger kept_browser_broken before insert on messages for each row execute function kept_browser_broken()`.execute(t.db.db);
  const r = await submitMessage(t.db.db, t.cfg, tree.bureau.id, { category: 'consultation', subject: '公证处办公时间', body: '请问公证处周末是否办公？', name: '吴先生', contact: '13512340003', consent: 'yes' }, { ip: null, files: [] });
  assert.equal(r.kept, true);
  await sql`drop trigger kept_browser_broken on messages`.execute(t.db.db);
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('kept messages: the list (zh, en) is accessible, shows no contact, and recovers by its button; 375 px', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'handler', PASSWORD);
  await page.goto(`${base}/admin/messages/kept`);
  const text = await page.locator('main').innerText();
  assert.match(text, /公证处/);
  assert.doesNotMatch(text, /13512340003/, 'the contact is not shown');
  await expectAccessible(page, 'kept messages (zh)');

  await page.goto(`${base}/prefs?lang=en&back=/admin/messages/kept`);
  await page.waitForURL(/\/admin\/messages\/kept$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await expectAccessible(page, 'kept messages (en)');
  await page.goto(`${base}/prefs?lang=zh-CN&back=/admin/messages/kept`);

  const phone = await newPage(browser, { width: 375 });
  await signIn(phone, base, 'handler', PASSWORD);
  await phone.goto(`${base}/admin/messages/kept`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);

  await page.locator('main form button[type="submit"]').first().click();
  await page.waitForURL(/\/admin\/messages\/\d+$/);
  assert.match(await page.locator('main').innerText(), /公证处办公时间/);
});
