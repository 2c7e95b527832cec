/** /admin/health in chromium: axe-core WCAG 2.1 AA on the overview, a site's history and the settings; the overview at 375 px. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, CODES, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { importRecords } from '../../documents/store/importer.ts';
import { validInput } from '../../documents/store/fixtures.test-helper.ts';
import { runCheck } from '../run.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await seedTree(t.db.db);
  const sys = systemContext('test');
  await importRecords(t.db.db, sys, [{ ...validInput({ bodyHtml: '<p>截止目前进展顺利。<img src="/static/x.png"></p>' }), unit: CODES.bureau, status: 'published', publishDate: '2020-09-01', publishedAt: '2020-09-01T02:00:00Z' }], { dataDir: mkdtempSync(join(tmpdir(), 'gk-health-')), maxUploadMb: 5 });
  await runCheck(t.db.db, sys, { trigger: 'cli', asOf: '2020-09-10', ownHosts: [] });
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('health overview, site history and settings are accessible; the overview fits a 375-px phone', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'sysadmin', PASSWORD);
  await page.goto(`${base}/admin/health`);
  assert.ok(await page.locator('#h-findings + form, table').count() > 0);
  await expectAccessible(page, 'health overview');
  await page.goto(`${base}/admin/health/sites/${CODES.bureau}`);
  await expectAccessible(page, 'site history');
  await page.goto(`${base}/admin/health/settings`);
  await expectAccessible(page, 'settings');
  const phone = await newPage(browser, { width: 375 });
  await signIn(phone, base, 'sysadmin', PASSWORD);
  await phone.goto(`${base}/admin/health`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
  await page.context().close();
  await phone.context().close();
});
