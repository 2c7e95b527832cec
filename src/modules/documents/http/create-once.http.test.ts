/**
 * The new-document form carries a one-time key (#14.8: "idempotency on every create form"): the same
 * POST sent twice (double click, reload after a slow save) makes one draft and sends both to it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t?.close());

const drafts = async (title: string) => Number((await t.db.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).where('title', '=', title).executeTakeFirstOrThrow()).n);

test('the same new-document POST twice makes one draft; a fresh form makes another', async () => {
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const page = await editor.get('/admin/documents/new');
  const token = /name="form_token" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(token, 'the form carries a one-time key');
  const form = { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1], form_token: token, unit: String(tree.bureau.id), title: '重复提交只建一份草稿', writtenDate: '2024-10-08', disclosure: 'proactive', bodyHtml: '<p>正文</p>' };
  const first = await editor.post('/admin/documents', form);
  const again = await editor.post('/admin/documents', form);
  assert.equal(first.statusCode, 303, first.body.slice(0, 300));
  assert.equal(again.statusCode, 303);
  assert.equal(again.headers.location, first.headers.location, 'the replay opens the draft the first POST made');
  assert.equal(await drafts(form.title), 1);
  const other = await editor.post('/admin/documents', { ...form, title: '换了标题' });
  assert.equal(other.statusCode, 422, 'the same key with other content is refused');
  const fresh = await editor.get('/admin/documents/new');
  const next = await editor.post('/admin/documents', { ...form, form_token: /name="form_token" value="([^"]+)"/.exec(fresh.body)![1] });
  assert.equal(next.statusCode, 303);
  assert.equal(await drafts(form.title), 2);
});
