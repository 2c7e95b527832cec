/**
 * The audit pages in chromium: axe-core WCAG 2.1 AA on the list (Chinese and English, details
 * opened), a history page and the public checkpoint page; no horizontal scrolling at 375 px; the
 * filter form works without JavaScript (a plain GET).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { auditKeyring, writeCheckpoint, CHECKPOINT_FILE } from '../../../core/audit/index.ts';
import { createDocument } from '../../documents/commands.ts';
import { addAttachment } from '../../documents/store/attachments.ts';
import { ctxFor, validInput } from '../../documents/store/fixtures.test-helper.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let docId: number;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await seedTree(t.db.db);
  const editor = await ctxFor(t.db.db, 'editor');
  docId = (await createDocument(t.db.db, editor, (await t.db.db.selectFrom('units').select('id').where('slug', '=', 'bureau').executeTakeFirstOrThrow()).id, validInput())).document.id;
  await addAttachment(t.db.db, editor, { dataDir: t.cfg.dataDir, maxUploadMb: 1 }, docId, { filename: '一个很长的文件名用来检查窄屏下不会撑破页面布局的情况（第一稿）.exe', data: Buffer.from('MZ') }).catch(() => {});
  await writeCheckpoint(t.db.db, auditKeyring(), join(t.cfg.auditAnchorDir, CHECKPOINT_FILE));
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('axe: the audit list (zh, en, details open), a history page and the public checkpoints', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'sysadmin', PASSWORD);
  await page.goto(`${base}/admin/audit`);
  await page.locator('.audit-list details summary').first().click();
  await expectAccessible(page, 'audit list');
  await page.getByLabel('操作', { exact: true }).selectOption('kind:document');
  await page.getByRole('button', { name: '筛选' }).click();
  await page.waitForURL(/action=kind%3Adocument/);
  assert.match(await page.locator('.audit-list').innerText(), /被拒绝/);
  await page.goto(`${base}/admin/audit?from=bad`);
  await expectAccessible(page, 'audit list with an error');
  await page.goto(`${base}/admin/audit/history/document/${docId}`);
  await expectAccessible(page, 'history page');
  await page.goto(`${base}/prefs?lang=en&back=/admin/audit`);
  await expectAccessible(page, 'audit list in English');
  await page.goto(`${base}/transparency/audit`);
  await expectAccessible(page, 'public checkpoint page');
  await page.context().close();
});

test('375 px: no horizontal scrolling on the audit list and the public page', { skip: browserSkip }, async () => {
  const page = await newPage(browser, { width: 375 });
  await signIn(page, base, 'sysadmin', PASSWORD);
  for (const path of ['/admin/audit', `/admin/audit/history/document/${docId}`, '/transparency/audit']) {
    await page.goto(base + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wide = await page.evaluate(() => Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 8).join('; '));
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px: ${wide}`);
  }
  await page.context().close();
});
