/**
 * The reviewer's 保密审查 in a real browser (#14.6): the review page shows the document, its
 * attachment and the personal-information findings before the two ticks; the preview opens; the
 * reviewer approves with the ticks (by their labels) and publishes with the late reason. axe-core
 * WCAG 2.1 AA on the review page, the preview, the editor's page with the PII warning and the
 * dashboard with its queues; the review page at 375 px does not scroll sideways.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { Document, Packer, Paragraph } from 'docx';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { createDocument, submitDocument } from '../commands.ts';
import { addAttachment } from '../store/attachments.ts';
import { ctxFor, validInput } from '../store/fixtures.test-helper.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let docId: number;
let draftId: number;

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  const tree = await seedTree(t.db.db);
  const editor = await ctxFor(t.db.db, 'editor');
  const d = await createDocument(t.db.db, editor, tree.bureau.id, validInput({
    title: '测试市司法局关于人民调解员选聘的公告', docNumber: '测司发〔2024〕21号', writtenDate: '2024-10-08',
    bodyHtml: '<p>经研究，现将人民调解员选聘结果公告如下。</p><p>联系人身份证号110101199003071234。</p>',
  }));
  docId = d.document.id;
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('选聘名单：联系电话13912345678')] }] }));
  await addAttachment(t.db.db, editor, { dataDir: t.cfg.dataDir, maxUploadMb: 5 }, docId, { filename: '选聘名单.docx', data: docx });
  await submitDocument(t.db.db, editor, docId);
  draftId = (await createDocument(t.db.db, editor, tree.bureau.id, validInput({ title: '含手机号的草稿', bodyHtml: '<p>联系电话13812345678</p>' }))).document.id;
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('the reviewer reads the document and the findings, then ticks, approves and publishes', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'reviewer', PASSWORD);
  await expectAccessible(page, 'reviewer dashboard with queues');
  await page.getByRole('link', { name: '测试市司法局关于人民调解员选聘的公告' }).first().click();
  await page.waitForURL(`${base}/admin/documents/${docId}`);
  assert.ok(await page.getByText('经研究，现将人民调解员选聘结果公告如下。').isVisible(), 'the body is on the page');
  assert.ok(await page.getByText('测司发〔2024〕21号').first().isVisible());
  assert.ok(await page.getByRole('link', { name: '选聘名单.docx' }).first().isVisible());
  assert.ok(await page.getByText('110101********1234').first().isVisible(), 'the possible ID is listed');
  assert.ok(await page.getByText('139****5678').first().isVisible(), 'the mobile in the attachment is listed');
  // the document comes before the ticks
  const [content, tick] = await Promise.all([
    page.getByRole('heading', { name: '文件内容' }).boundingBox(),
    page.getByLabel('已完成保密审查，不涉及国家秘密').boundingBox(),
  ]);
  assert.ok(content && tick && content.y < tick.y);
  await expectAccessible(page, 'review page');

  const preview = await page.context().newPage();
  await preview.goto(`${base}/admin/documents/${docId}/preview`);
  assert.ok(await preview.getByText('预览 · 未发布').isVisible());
  assert.equal(await preview.getByRole('heading', { level: 1 }).textContent(), '测试市司法局关于人民调解员选聘的公告');
  await expectAccessible(preview, 'preview page');
  await preview.close();

  await page.getByLabel('已完成保密审查，不涉及国家秘密').check();
  await page.getByLabel('已完成个人信息检查，个人隐私已处理').check();
  await page.getByRole('button', { name: '审核通过' }).click();
  await page.waitForURL(/done=review/);
  await page.getByLabel('超期发布原因').fill('选聘结果待公示期满');
  await page.getByLabel('我已核查，上述信息已脱敏或确需公开').check();
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.waitForURL(/done=publish/);
  assert.ok(await page.getByText('超期发布原因：选聘结果待公示期满').isVisible());
  await page.context().close();
});

test('the editor’s page with the PII warning is accessible and fits a 375-px phone', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'editor', PASSWORD);
  await page.goto(`${base}/admin/documents/${draftId}`);
  assert.ok(await page.locator('#pii-warning').getByText('138****5678').isVisible());
  await expectAccessible(page, 'editor page with the PII warning');
  await page.context().close();
  const phone = await newPage(browser, { width: 375 });
  await signIn(phone, base, 'reviewer', PASSWORD);
  await phone.goto(`${base}/admin/documents/${docId}`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the review page overflows by ${overflow}px`);
  await phone.context().close();
});
