/** The work-plan pages in chromium: axe-core WCAG 2.1 AA on the plans, a plan with filters, a task with the report form (and its errors); 375 px. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { importPlan } from '../commands.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await seedTree(t.db.db);
  await importPlan(t.db.db, systemContext('test'), {
    year: 2020, title: '测试市2020年政务公开工作要点', unit: 'city', issuer: '测试市政务公开领导小组', doc_number: '', sections: [{ no: 1, title: '完成平台建设' }],
    tasks: [
      { section: 1, no: 1, title: '集中发布政策文件', text: '9月15日前上传。', lead: ['市司法局'], responsible: ['各县(市)区政府', '市政府各部门'], deadline: '2020-09-15', milestones: [], output: '专题栏目' },
      { section: 1, no: 2, title: '加强培训', text: '', lead: ['市统计局'], responsible: ['市政府各部门'], deadline: null, milestones: [], output: '' },
    ],
  }, 'test');
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('plans, a plan, a task and the report form (with errors) are accessible and fit a 375-px phone', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'editor', PASSWORD);
  await page.goto(`${base}/admin/workplan`);
  await expectAccessible(page, 'plans');
  await page.locator('tbody a').first().click();
  await expectAccessible(page, 'plan with tasks');
  await page.selectOption('#f-flag', 'overdue');
  await page.locator('form.inline-form button').click();
  assert.equal(await page.locator('tbody tr').count(), 1);
  await page.locator('tbody a').first().click();
  await expectAccessible(page, 'task with report form');
  await page.locator('#f-body').fill('进展');
  await page.locator('#f-evidence').fill('javascript:alert(1)');
  await page.locator('form[action$="/reports"] button[type=submit]').click();
  assert.match(await page.locator('.error-summary').innerText(), /第 1 条链接/);
  await expectAccessible(page, 'report form with errors');
  await page.locator('#f-status').check();
  await page.locator('#f-evidence').fill('https://www.gov.cn/zhengce/');
  await page.locator('form[action$="/reports"] button[type=submit]').click();
  assert.match(await page.locator('.notice').innerText(), /进展已报送/);
  const phone = await newPage(browser, { width: 375 });
  await signIn(phone, base, 'supervisor', PASSWORD);
  for (const url of ['/admin/workplan', '/admin/workplan/1', '/admin/workplan/tasks/1']) {
    await phone.goto(`${base}${url}`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${url}: no sideways scrolling (overflow ${overflow}px)`);
  }
  await page.context().close();
  await phone.context().close();
});
