/**
 * The visual editor in a real browser (issue #13 item 6): Quill replaces the body textarea on the
 * document form, under the site's CSP with no violation; staff type, make a word bold, paste from
 * Word (cleaned in the page with the same function the server runs), save; the saved body is the
 * sanitized HTML.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../helpers/app.ts';
import { seedTree, PASSWORD } from '../helpers/fixtures.ts';
import { browserSkip, expectAccessible, launch, newPage, signIn, listenLocal } from '../helpers/browser.ts';
import { ensureClientBundle } from '../../src/core/http/client-bundle.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (browserSkip) return;
  assert.equal(await ensureClientBundle(), true);
  t = await testApp();
  await seedTree(t.db.db);
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
