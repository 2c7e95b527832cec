/**
 * The visual editor (issue #13 item 6) is an enhancement: the document form names the bundle
 * (external files only, under CSP script-src 'self'), the bundle is served, and the same form
 * posted without JavaScript still saves — with a Word paste cleaned by the server sanitizer.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { ensureClientBundle } from '../../../core/http/client-bundle.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;

before(async () => {
  assert.equal(await ensureClientBundle(), true, 'the client bundle builds');
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t?.close());

const WORD_BODY = `<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
<p class=MsoNormal style='mso-char-indent-count:2.0'><span style='font-family:仿宋'>各有关单位：<o:p></o:p></span></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;</span></span><![endif]><b>第一项</b></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp;</span></span><![endif]>第二项</p>`;

test('the document form names the editor bundle as external files, keeps the textarea, and marks the upload form', async () => {
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const page = await editor.get('/admin/documents/new');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<script type="module" src="\/static\/build\/editor\.js"><\/script>/);
  assert.match(page.body, /<link rel="stylesheet" href="\/static\/build\/editor\.css"\/?>/);
  assert.match(page.body, /<textarea id="f-bodyHtml" name="bodyHtml"[^>]*data-rich="1"/, 'the textarea stays: the form posts without JavaScript');
  assert.doesNotMatch(page.body, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
  assert.match(String(page.headers['content-security-policy']), /script-src 'self'(;|$)/);
  const js = await editor.get('/static/build/editor.js');
  assert.equal(js.statusCode, 200);
  assert.match(String(js.headers['content-type']), /javascript/);
  assert.match(js.body, /ql-editor/, 'Quill is in the bundle');
  const css = await editor.get('/static/build/editor.css');
  assert.equal(css.statusCode, 200);
  assert.match(css.body, /\.ql-snow/);
});

test('without JavaScript: the plain form saves, and a Word paste is cleaned on the server', async () => {
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const res = await editor.submit('/admin/documents/new', '/admin/documents', {
    unit: String(tree.bureau.id), title: '无脚本保存测试', writtenDate: '2024-10-08', disclosure: 'proactive', bodyHtml: WORD_BODY,
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const id = Number(/\/admin\/documents\/(\d+)/.exec(String(res.headers.location))?.[1]);
  const row = await t.db.db.selectFrom('documents').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.body_html.replace(/\s*\n\s*/g, ''), '<p>各有关单位：</p><ol><li><strong>第一项</strong></li><li>第二项</li></ol>');
  const page = await editor.get(`/admin/documents/${id}`);
  assert.match(page.body, /data-dropzone="1"/);
  assert.match(page.body, /<input id="f-file" name="file" type="file"/, 'the file input stays for uploads without JavaScript');
});
