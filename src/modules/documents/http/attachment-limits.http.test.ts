/**
 * Zip bombs and slow files as attachments (issue #10 item 3, audit 2026-12-04 F3): a bomb is refused
 * with 422 in the user's language whether its central directory tells the truth or lies, without the
 * process growing by the gigabyte it would inflate to; a file whose extraction runs past the time
 * limit is accepted without text, its attachment saying why; and the server answers other requests
 * while an extraction runs (it is in a worker thread).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, CODES } from '../../../../test/helpers/fixtures.ts';
import { docxBomb } from '../../../../test/helpers/zip-bomb.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { configureExtraction } from '../../../core/docs/extract-pool.ts';
import { ZIP_LIMITS } from '../../../core/docs/zip.ts';
import { createApiToken } from '../../accounts/commands/tokens.ts';
import { getDocument } from '../store/repository.ts';
import { scanDocument } from '../store/pii-scan.ts';

let t: TestApp;
let token = '';
let docId = 0;
const MiB = 1024 * 1024;

before(async () => {
  t = await testApp();
  await seedTree(t.db.db);
  const user = await t.db.db.selectFrom('users').select('id').where('username', '=', 'editor').executeTakeFirstOrThrow();
  token = (await createApiToken(t.db.db, systemContext('test'), { userId: user.id, name: 'test' })).token;
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { authorization: `Bearer ${token}` }, payload: { unit: CODES.bureau, title: '附件限制测试', writtenDate: '2020-10-09' } });
  assert.equal(r.statusCode, 201, r.body);
  docId = r.json().data.id;
});
after(async () => {
  await configureExtraction('defaults');
  await t.close();
});

const upload = (name: string, data: Buffer, lang = 'zh-CN') => t.app.inject({
  method: 'POST', url: `/api/v1/documents/${docId}/attachments?filename=${encodeURIComponent(name)}`, payload: data,
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'accept-language': lang },
});
const refusals = async () => (await t.db.db.selectFrom('audit_log').select('summary').where('action', '=', 'document.attachment.refused').execute())
  .map((r) => (typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary) as { reason: string });

test('a 1 GiB bomb that declares its size is refused before anything is inflated, in the user\'s language', async () => {
  const bomb = docxBomb({ inflatedMiB: 1024, honest: true });
  const zh = await upload('通知.docx', bomb);
  assert.equal(zh.statusCode, 422);
  assert.match(zh.json().error.fields.file, /压缩炸弹/);
  const en = await upload('notice.docx', bomb, 'en');
  assert.equal(en.statusCode, 422);
  assert.match(en.json().error.fields.file, /zip bomb/);
  assert.deepEqual((await refusals()).map((r) => r.reason), ['zip_bomb', 'zip_bomb']);
});

test('a 1 GiB bomb that lies about its size is stopped at the byte budget in the worker: 422, and RSS does not jump', async () => {
  const bomb = docxBomb({ inflatedMiB: 1024, honest: false });
  const rss = process.memoryUsage().rss;
  const r = await upload('通知.docx', bomb);
  const grew = (process.memoryUsage().rss - rss) / MiB;
  assert.equal(r.statusCode, 422, r.body);
  assert.match(r.json().error.fields.file, /压缩炸弹/);
  // the budget is 32 MiB per member (before: +900 MB, audit F3)
  assert.ok(grew < 250, `RSS grew ${grew.toFixed(0)} MB`);
  assert.equal((await refusals()).length, 3);
  const n = await t.db.db.selectFrom('document_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('document_id', '=', docId).executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 0, 'nothing attached');
});

test('while an extraction runs past its time limit the server answers other requests; the file is kept without text, saying why', async () => {
  // limits lifted so that the bomb is merely slow: inflating 2 GiB takes seconds, the limit is 500 ms
  await configureExtraction({ timeoutMs: 500, limits: { ...ZIP_LIMITS, entryBytes: 3 * 1024 * MiB, ratio: Infinity } });
  const slow = docxBomb({ inflatedMiB: 2048, honest: false });
  let done = false;
  const started = performance.now();
  const pending = upload('慢文件.docx', slow).finally(() => (done = true));
  const during: number[] = [];
  while (!done) {
    const t0 = performance.now();
    const h = await t.app.inject({ url: '/healthz' });
    assert.equal(h.statusCode, 200);
    if (!done) during.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  const r = await pending;
  const took = performance.now() - started;
  assert.equal(r.statusCode, 200, r.body);
  // before: the inflate ran on the event loop and no request was answered until it ended
  assert.ok(during.length >= 3, `${during.length} /healthz answers during the ${took.toFixed(0)} ms upload`);
  // the unworkered inflate of 2 GiB held the loop for many seconds; a loaded CI machine adds ~0.5 s at most
  assert.ok(Math.max(...during) < 1500, `slowest /healthz ${Math.max(...during).toFixed(0)} ms`);
  assert.ok(took < 5000, `the worker was ended at its limit (${took.toFixed(0)} ms)`);
  const a = await t.db.db.selectFrom('document_attachments').select(['filename', 'text_state', 'text_content']).where('document_id', '=', docId).executeTakeFirstOrThrow();
  assert.deepEqual(a, { filename: '慢文件.docx', text_state: 'timeout', text_content: null });
  // the reviewer's personal-data check says why, and does not spend another worker on it
  const doc = await getDocument(t.db.db, docId);
  const s0 = performance.now();
  const report = await scanDocument(t.db.db, doc!, { dataDir: t.cfg.dataDir });
  assert.ok(performance.now() - s0 < 450, 'not extracted again (that would wait for the 500 ms limit)');
  assert.deepEqual(report.attachments.map((x) => [x.state, x.reason]), [['unavailable', 'timeout']]);
  await configureExtraction('defaults');
});
