/**
 * The console page for a unit's 索引号 pattern (/admin/documents/settings): the unit administrator
 * changes it and the next number follows; a bad pattern → 422, unchanged; other units → 403.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, CODES, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { ensureTopics } from '../store/columns.ts';
import { createDocument } from '../commands.ts';
import { indexPatternOf } from '../store/repository-catalog.ts';
import { DEFAULT_INDEX_PATTERN } from '../domain/indexno.ts';
import { validInput } from '../store/fixtures.test-helper.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  await inTransaction(t.db.db, (tx) => ensureTopics(tx));
});
after(async () => t?.close());

const audits = async (action: string) => (await t.db.db.selectFrom('audit_log').select('subject_id').where('action', '=', action).execute()).map((r) => Number(r.subject_id));
const login = async (user: string) => {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
};

test('索引号 pattern: the unit admin changes it and the next number follows; a bad one → 422, unchanged; others → 403', async () => {
  const year = shanghaiDate().slice(0, 4);
  const ym = shanghaiDate().slice(0, 7).replace('-', '');
  const county = await login('countyadmin');
  const url = `/admin/documents/settings?unit=${tree.county.id}`;
  assert.match((await county.get('/admin/documents')).body, /href="\/admin\/documents\/settings"/, 'linked from the documents list');
  const page = await county.get(url);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(`<code>${DEFAULT_INDEX_PATTERN}</code>`), 'the default pattern');
  assert.ok(page.body.includes(`${CODES.county}/${year}-00001`), 'the preview of the next number');
  assert.match(page.body, /已有文件的索引号不会改变/);

  const bad = await county.submit(url, '/admin/documents/settings', { unit: String(tree.county.id), index_pattern: '{YYYY}-{serial:3}' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /error-summary/);
  assert.match(bad.body, /href="#f-index_pattern"/);
  assert.match(bad.body, /格式中必须包含单位代码/);
  assert.match(bad.body, /value="\{YYYY\}-\{serial:3\}"/, 'the form keeps what was typed');
  const xss = await county.submit(url, '/admin/documents/settings', { unit: String(tree.county.id), index_pattern: '{unitCode}/<script>{YYYY}-{serial:3}' });
  assert.equal(xss.statusCode, 422);
  assert.ok(!xss.body.includes('<script>'), 'escaped');
  assert.equal(await indexPatternOf(t.db.db, tree.county.id), DEFAULT_INDEX_PATTERN, 'unchanged');

  const saved = await county.submit(url, '/admin/documents/settings', { unit: String(tree.county.id), index_pattern: '{unitCode}/{YYYY}{MM}-{serial:4}' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `${url}&done=saved`);
  const shown = await county.get(saved.headers.location as string);
  assert.match(shown.body, /索引号格式已保存/);
  assert.ok(shown.body.includes(`${CODES.county}/${ym}-0001`), 'the preview follows the new pattern');
  assert.equal(await indexPatternOf(t.db.db, tree.county.id), '{unitCode}/{YYYY}{MM}-{serial:4}');
  assert.ok((await audits('document.settings.index_pattern')).includes(tree.county.id), 'audited');
  const next = await createDocument(t.db.db, sys, tree.county.id, validInput({ writtenDate: '2020-10-09' }));
  assert.equal(next.document.index_no, `${CODES.county}/202010-0001`);

  // another unit (the bureau is not under the county) → 403, nothing changes
  assert.equal((await county.get(`/admin/documents/settings?unit=${tree.bureau.id}`)).statusCode, 403);
  const other = await county.submit(url, '/admin/documents/settings', { unit: String(tree.bureau.id), index_pattern: '{unitCode}-{YYYY}-{serial:6}' });
  assert.equal(other.statusCode, 403);
  assert.equal(await indexPatternOf(t.db.db, tree.bureau.id), DEFAULT_INDEX_PATTERN);
  assert.equal((await county.get('/admin/documents/settings?unit=99999999')).statusCode, 404);
  assert.equal((await county.post('/admin/documents/settings', { unit: String(tree.county.id), index_pattern: DEFAULT_INDEX_PATTERN })).statusCode, 403, 'no CSRF');
  assert.equal(await indexPatternOf(t.db.db, tree.county.id), '{unitCode}/{YYYY}{MM}-{serial:4}');

  // an editor has no settings rights anywhere
  const editor = await login('editor');
  assert.doesNotMatch((await editor.get('/admin/documents')).body, /\/admin\/documents\/settings/);
  assert.equal((await editor.get('/admin/documents/settings')).statusCode, 403);
  assert.equal((await editor.get(`/admin/documents/settings?unit=${tree.bureau.id}`)).statusCode, 403);
  const denied = await editor.submit('/admin/tokens', '/admin/documents/settings', { unit: String(tree.bureau.id), index_pattern: '{unitCode}-{YYYY}-{serial:6}' });
  assert.equal(denied.statusCode, 403);
  assert.equal(await indexPatternOf(t.db.db, tree.bureau.id), DEFAULT_INDEX_PATTERN);

  // the system admin may choose any unit; English labels
  const admin = await login('sysadmin');
  admin.cookies.set('lang', 'en');
  const en = await admin.get(`/admin/documents/settings?unit=${tree.bureau.id}`);
  assert.equal(en.statusCode, 200);
  assert.match(en.body, /Index number settings/);
  assert.match(en.body, /existing index numbers never change/);
  assert.match(en.body, /<select id="f-unit" name="unit">/);
});
