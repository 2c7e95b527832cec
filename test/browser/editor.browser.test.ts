/**
 * The visual editor in a real browser (issue #13 item 6): Quill replaces the body textarea on the
 * document form, under the site's CSP with no violation; staff type, make a word bold, paste from
 * Word (cleaned in the page with the same function the server runs), save; the saved body is the
 * sanitized HTML. Drag-and-drop upload (client/upload.ts): a file dropped on the attachment drop zone
 * is sent with a progress bar and listed after the upload. The image button picks from the unit's
 * media library (client/library.ts, GET /admin/media-library?format=json&kind=image).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../helpers/app.ts';
import { seedTree, PASSWORD } from '../helpers/fixtures.ts';
import { browserSkip, expectAccessible, launch, newPage, signIn, listenLocal } from '../helpers/browser.ts';
import { ensureClientBundle } from '../../src/core/http/client-bundle.ts';
import { systemContext } from '../../src/core/commands/context.ts';
import { createDocument } from '../../src/modules/documents/commands.ts';
import { validInput } from '../../src/modules/documents/store/fixtures.test-helper.ts';
import { uploadItem } from '../../src/modules/library/commands.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let tree: Awaited<ReturnType<typeof seedTree>>;

before(async () => {
  if (browserSkip) return;
  assert.equal(await ensureClientBundle(), true);
  t = await testApp();
  tree = await seedTree(t.db.db);
  base = await listenLocal(t.app);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const WORD = `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;</span></span><![endif]>粘贴的第一项<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp;</span></span><![endif]>粘贴的第二项<o:p></o:p></p>`;

test('type in the editor, bold a word, paste from Word, save: the sanitized HTML is stored', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const bundle: number[] = [];
  page.on('response', (r) => { if (r.url().includes('/static/build/')) bundle.push(r.status()); });
  await signIn(page, base, 'editor', PASSWORD);
  await page.goto(`${base}/admin/documents/new`);
  const editor = page.locator('.ql-editor');
  await editor.waitFor({ state: 'visible' });
  assert.equal(await page.locator('#f-bodyHtml').isVisible(), false, 'the textarea is replaced by the editor');
  await expectAccessible(page, 'document form with the visual editor');
  await page.fill('#f-title', '可视化编辑器测试');
  await page.fill('#f-writtenDate', '2024-10-08');
  await editor.click();
  await page.keyboard.type('第一段文字');
  await page.keyboard.press('Enter');
  await page.locator('.ql-toolbar button.ql-bold').click();
  await page.keyboard.type('加粗');
  await page.locator('.ql-toolbar button.ql-bold').click();
  await page.keyboard.press('Enter');
  await editor.evaluate((el, html) => {
    const dt = new DataTransfer();
    dt.setData('text/html', html);
    dt.setData('text/plain', '粘贴的第一项\n粘贴的第二项');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, WORD);
  await page.getByRole('button', { name: '保存' }).last().click();
  await page.waitForURL(/\/admin\/documents\/\d+/);
  const id = Number(/\/admin\/documents\/(\d+)/.exec(page.url())?.[1]);
  const row = await t.db.db.selectFrom('documents').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
  const html = row.body_html.replace(/\s*\n\s*/g, '');
  assert.match(html, /^<p>第一段文字<\/p><p><strong>加粗<\/strong><\/p>/, html);
  assert.match(html, /<ol><li>粘贴的第一项<\/li><li>粘贴的第二项<\/li><\/ol>/, html);
  assert.doesNotMatch(html, /mso|class=|style=|1\.|data-list/, html);
  // (a 404 for /favicon.ico is the browser's own request, not ours)
  assert.deepEqual(problems.filter((p) => !/Failed to load resource.*404/.test(p)), [], 'no script error or CSP violation');
  assert.ok(bundle.length >= 2 && bundle.every((s) => s === 200 || s === 304), `bundle served: ${bundle.join(',')}`);
});

// a one-page PDF padded to ~64 KB, so the upload takes more than one progress event
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n'),
  Buffer.from(`%${'0'.repeat(64 * 1024)}\n%%EOF\n`),
]);

test('drag and drop a file on the attachment drop zone: a progress bar, then the attachment is listed', { skip: browserSkip }, async () => {
  const d = await createDocument(t.db.db, systemContext('test'), tree.bureau.id, validInput({ title: '拖放上传测试文件' }));
  const page = await newPage(browser);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // what the status line says and whether the bar shows, as the upload runs (kept across the reload)
  const seen: { status: string; bar: boolean; value: number }[] = [];
  await page.exposeFunction('reportUpload', (x: { status: string; bar: boolean; value: number }) => { seen.push(x); });
  await signIn(page, base, 'editor', PASSWORD);
  await page.goto(`${base}/admin/documents/${d.document.id}`);
  const zone = page.locator('form[data-dropzone] .dropzone');
  await zone.waitFor({ state: 'visible' });
  assert.match(await zone.innerText(), /将文件拖到此处上传/);
  assert.equal(await page.locator('form[data-dropzone] progress').isHidden(), true, 'no bar before a drop');
  await page.evaluate(() => {
    const form = document.querySelector('form[data-dropzone]')!;
    const bar = form.querySelector('progress')!;
    const status = form.querySelector('[role=status]')!;
    // (no named function here: the test's compiler would wrap it in a helper the page does not have)
    new MutationObserver(() => (window as unknown as { reportUpload: (x: unknown) => void }).reportUpload({ status: status.textContent ?? '', bar: !bar.hidden, value: bar.value }))
      .observe(status, { childList: true, characterData: true, subtree: true });
  });
  // a real DataTransfer holding a File, dropped on the zone (dragover first, as a browser does)
  const dt = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], '拖放的附件.pdf', { type: 'application/pdf' }));
    return data;
  }, PDF.toString('base64'));
  await zone.dispatchEvent('dragover', { dataTransfer: dt });
  assert.match(await zone.getAttribute('class') ?? '', /over/, 'the zone shows it will take the file');
  const uploaded = page.waitForURL(/done=upload/);
  await zone.dispatchEvent('drop', { dataTransfer: dt });
  await uploaded;
  assert.ok(seen.length >= 1, 'the status line reported progress');
  assert.ok(seen.every((x) => x.bar), 'the progress bar was shown during the upload');
  assert.match(seen.at(-1)!.status, /^正在上传 拖放的附件\.pdf：\d+%$/);
  assert.equal(seen.at(-1)!.value, 100);
  await page.locator('ul.attachments').waitFor();
  assert.match(await page.locator('ul.attachments').innerText(), /拖放的附件\.pdf/);
  const rows = await t.db.db.selectFrom('document_attachments').select(['filename', 'kind', 'size']).where('document_id', '=', d.document.id).execute();
  assert.deepEqual(rows, [{ filename: '拖放的附件.pdf', kind: 'pdf', size: PDF.length }]);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the image button inserts an image from the unit\'s media library with its text alternative', { skip: browserSkip }, async () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await uploadItem(t.db.db, systemContext('test'), { dataDir: t.cfg.dataDir, maxUploadMb: t.cfg.maxUploadMb }, tree.bureau.id, { filename: 'map.png', data: PNG }, { name: '办事大厅位置图', alt: '办事大厅位于市民中心二楼东侧' });
  const page = await newPage(browser);
  await signIn(page, base, 'editor', PASSWORD);
  await page.goto(`${base}/admin/documents/new`);
  const editor = page.locator('.ql-editor');
  await editor.waitFor({ state: 'visible' });
  await editor.click();
  await page.locator('.ql-toolbar button.ql-image').click();
  const dialog = page.locator('dialog.library-picker');
  await dialog.getByRole('button', { name: '办事大厅位置图' }).click();
  const img = editor.locator('img');
  await img.waitFor();
  assert.match(await img.getAttribute('src') ?? '', /^\/library\/[0-9a-f]{24}\.png$/);
  assert.equal(await img.getAttribute('alt'), '办事大厅位于市民中心二楼东侧');
  await page.context().close();
});
