/**
 * Deleting a library item removes its stored bytes once nothing else names them — but not while
 * another library item, a document attachment or an earlier version's snapshot of an attachment
 * still does (the store is content-addressed and shared with document attachments), and only after
 * the delete committed (a refused delete keeps them).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { seedTree, CODES } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { addAttachment, storedPath } from '../documents/store/attachments.ts';
import { createDocument } from '../documents/commands.ts';
import { importRecords } from '../documents/store/importer.ts';
import { validInput } from '../documents/store/fixtures.test-helper.ts';
import { deleteItem, uploadItem } from './commands.ts';
import { Canvas } from './demo/images.ts';

let d: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');
const store = { dataDir: mkdtempSync(join(tmpdir(), 'gk-library-')), maxUploadMb: 5 };
/** A distinct small PNG per colour. */
const png = (r: number) => new Canvas(4, 4, [r, 80, 160]).png();
const stored = (b: Buffer) => existsSync(storedPath(store.dataDir, createHash('sha256').update(b).digest('hex')));
const upload = (b: Buffer, name: string) => uploadItem(d.db, sys, store, tree.bureau.id, { filename: `${name}.png`, data: b }, { name, alt: `${name}的示意图` });

before(async () => {
  d = await testDatabase();
  tree = await seedTree(d.db);
});
after(async () => d?.cleanup());

test('a file only this item used is removed; one shared by two items stays until the last is deleted', async () => {
  const own = png(1);
  const id = await upload(own, '单独的图');
  assert.ok(stored(own));
  await deleteItem(d.db, sys, id, store);
  assert.ok(!stored(own), 'no one else used the bytes: removed');

  const shared = png(2);
  const a = await upload(shared, '第一份');
  const b = await upload(shared, '第二份');
  await deleteItem(d.db, sys, a, store);
  assert.ok(stored(shared), 'the other item still serves these bytes');
  await deleteItem(d.db, sys, b, store);
  assert.ok(!stored(shared));
});

test('a file that is also a document attachment stays', async () => {
  const bytes = png(3);
  const doc = await createDocument(d.db, sys, tree.bureau.id, validInput({ title: '附有同一图片的通知' }));
  await addAttachment(d.db, sys, store, doc.document.id, { filename: '附图.png', data: bytes });
  const id = await upload(bytes, '与附件相同的图');
  await deleteItem(d.db, sys, id, store);
  assert.ok(stored(bytes), 'the attachment still needs it');
});

test('a file that only an earlier version of a document names stays (versions keep their attachments by hash)', async () => {
  const bytes = png(4);
  const r = await importRecords(d.db, sys, [{
    ...validInput({ title: '已发布并附图的通知' }), unit: CODES.bureau, status: 'published', publishDate: '2020-09-01', publishedAt: '2020-09-01T02:00:00Z',
    attachments: [{ filename: '附图.png', contentBase64: bytes.toString('base64') }],
  }], store);
  assert.equal(r.errors.length, 0, JSON.stringify(r.errors));
  const docId = (await d.db.selectFrom('documents').select('id').where('title', '=', '已发布并附图的通知').executeTakeFirstOrThrow()).id;
  assert.ok(await d.db.selectFrom('document_versions').select('version').where('document_id', '=', docId).executeTakeFirst(), 'the import recorded version 1');
  // the attachment was later taken off the document (its versions still list it)
  await d.db.deleteFrom('document_attachments').where('document_id', '=', docId).execute();
  const id = await upload(bytes, '与旧版附件相同的图');
  await deleteItem(d.db, sys, id, store);
  assert.ok(stored(bytes), 'an earlier version still offers it');
});

test('a refused delete (the item is in use) keeps the file', async () => {
  const bytes = png(5);
  const id = await upload(bytes, '正文中使用的图');
  const key = (await d.db.selectFrom('library_items').select('key').where('id', '=', id).executeTakeFirstOrThrow()).key;
  await createDocument(d.db, sys, tree.bureau.id, validInput({ title: '引用图片的通知', bodyHtml: `<p><img src="/library/${key}" alt="图"></p>` }));
  await assert.rejects(deleteItem(d.db, sys, id, store), (e: unknown) => e instanceof AppError && e.status === 409);
  assert.ok(stored(bytes));
});
