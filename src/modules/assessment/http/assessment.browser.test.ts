/** The training and assessment pages in chromium: axe-core WCAG 2.1 AA, the SVG charts present, 375 px without sideways scrolling. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { addAttendees, createTraining } from '../../training/commands.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let trainingId: number;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  const tree = await seedTree(t.db.db);
  trainingId = await createTraining(t.db.db, systemContext('test'), tree.city.id, { held_on: '2020-04-16', topic: '条例专题培训', organiser: '市政府办公室', hours: '3' }, '2020-12-31');
  await addAttendees(t.db.db, systemContext('test'), trainingId, tree.bureau.id, '甲演示');
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('assessment, drill-down, weights and training pages are accessible; charts render; 375 px fits', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'supervisor', PASSWORD);
  await page.goto(`${base}/admin/assessment?year=2020`);
  assert.equal(await page.locator('svg.chart[role="img"]').count() >= 2, true);
  await expectAccessible(page, 'assessment');
  for (const url of ['/admin/assessment/weights?year=2020', '/admin/training?year=2020', `/admin/training/${trainingId}`]) {
    await page.goto(`${base}${url}`);
    await expectAccessible(page, url);
  }
  const phone = await newPage(browser, { width: 375 });
  await signIn(phone, base, 'supervisor', PASSWORD);
  for (const url of ['/admin/assessment?year=2020', '/admin/training?year=2020']) {
    await phone.goto(`${base}${url}`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${url}: no sideways scrolling (overflow ${overflow}px)`);
  }
  await page.context().close();
  await phone.context().close();
});
