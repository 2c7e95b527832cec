/**
 * The media library page in chromium: upload an image with its text alternative (the 422 form first),
 * the list with the item, the item page with where it is used — axe-core WCAG 2.1 AA on each; the
 * list fits a 375-px phone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn, listenLocal } from '../../../../test/helpers/browser.ts';
import { ensureClientBundle } from '../../../core/http/client-bundle.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

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

test('library: upload form with errors, the list and the item page are accessible; 375 px without sideways scrolling', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'editor', PASSWORD);
  await page.getByRole('link', { name: '媒体库' }).click();
  await page.waitForURL(`${base}/admin/media-library`);
  await expectAccessible(page, 'empty media library with the upload form');
  // an image without its text alternative: 422, the form says why
  await page.setInputFiles('#f-file', { name: 'poster.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: '上传' }).click();
  await page.locator('#error-summary').waitFor();
  assert.match(await page.locator('#error-summary').innerText(), /替代文本/);
  await expectAccessible(page, 'upload form with errors');
  await page.fill('#f-name', '宣传月海报');
  await page.fill('#f-alt', '法治宣传月活动海报，蓝色背景配天平图案');
  await page.setInputFiles('#f-file', { name: 'poster.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: '上传' }).click();
  await page.waitForURL(/done=uploaded/);
  assert.equal(await page.locator('tbody tr').count(), 1);
  assert.match(await page.locator('tbody').innerText(), /宣传月海报/);
  await expectAccessible(page, 'media library with an item');
  await page.getByRole('link', { name: '宣传月海报' }).click();
  await page.waitForURL(/\/admin\/media-library\/\d+$/);
  assert.equal(await page.locator('img.library-preview').getAttribute('alt'), '法治宣传月活动海报，蓝色背景配天平图案');
  assert.equal(await page.locator('img.library-preview').evaluate((img: HTMLImageElement) => img.naturalWidth), 1, 'the public file is served');
  await expectAccessible(page, 'library item page');

  const phone = await newPage(browser, { width: 375 });
  await signIn(phone, base, 'editor', PASSWORD);
  await phone.goto(`${base}/admin/media-library`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 375 px (overflow ${overflow}px)`);
  await page.context().close();
  await phone.context().close();
});

test('library: an upload sent by the drop zone leaves the form a fresh one-time key, so a second file is not taken for the same submission (#14.8)', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await signIn(page, base, 'editor', PASSWORD);
  await page.goto(`${base}/admin/media-library`);
  const key = () => page.inputValue('form[data-dropzone] input[name=form_token]');
  const first = await key();
  assert.match(first, /^[\w.:-]{8,200}$/);
  await page.fill('#f-name', '第二张海报');
  await page.fill('#f-alt', '法治宣传月第二张海报');
  await page.setInputFiles('#f-file', { name: 'second.png', mimeType: 'image/png', buffer: PNG });
  const [, second] = await Promise.all([page.waitForURL(/done=uploaded/), page.evaluate(() => {
    const form = document.querySelector<HTMLFormElement>('form[data-dropzone]')!;
    form.requestSubmit();
    return form.querySelector<HTMLInputElement>('input[name=form_token]')!.value;
  })]);
  assert.notEqual(second, first, 'the key changed as soon as the upload was sent');
  assert.match(second, /^[0-9a-f]{32}$/);
  assert.match(await page.locator('tbody').innerText(), /第二张海报/);
  await page.context().close();
});
