/**
 * Bulk import: a file of mixed good and bad lines (each bad line reported with its number and
 * reason, nothing of it written; good lines imported), idempotent re-import, forward references,
 * spoofed attachments, and the export → import → export round trip.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { importLines, type ImportRecord } from './importer.ts';
import { exportDocuments } from './exporter.ts';
import { ensureTopics } from './columns.ts';
import { getDocumentByIndexNo, getVersionSnapshot, listVersions } from './repository.ts';
import { snapshotOf } from './write.ts';
import { synthesizeDocuments } from '../demo/corpus.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'gk-import-'));
const opts = { dataDir, maxUploadMb: 5, unitCode: CODES.bureau, batchSize: 3 };
const ctx = systemContext('import-test');
let t: TestDb;

before(async () => {
  t = await testDatabase();
  await seedTree(t.db);
  await inTransaction(t.db, (tx) => ensureTopics(tx));
});
after(async () => t.close());

// a real (tiny) PDF: header, one empty page, xref, trailer
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

const policy = (n: number, extra: Partial<ImportRecord> = {}): ImportRecord => ({
  indexNo: `${CODES.bureau}/2020-${String(n).padStart(5, '0')}`, status: 'published', title: `测试市司法局关于第${n}项工作的实施意见`,
  summary: '明确工作目标和措施。', docNumber: `测司发[2020]${n}号`, docType: 'opinion', legalForm: 'normative', validity: 'effective',
  writtenDate: '2020-05-06', publishDate: '2020-05-08', publishedAt: '2020-05-08T01:30:00.000Z', topic: '1603', keywords: ['法治'],
  columns: ['regulations-and-normative-documents'], bodyHtml: '<p>正文。</p>', ...extra,
});

function fileOf(lines: (ImportRecord | string)[]): string[] {
  return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
}

const MIXED = () => fileOf([
  policy(101, { attachments: [{ filename: '附件1.pdf', contentBase64: PDF.toString('base64') }] }), // 1 good
  '{"title": "缺引号', // 2 invalid JSON
  policy(102, { docNumber: '第12号' }), // 3 bad 文号
  { externalId: 'ext-4', title: '测试市司法局工作动态', topic: '1603' }, // 4 good draft
  { ...policy(105, { legalForm: 'none', validity: null, docNumber: null }), title: '图解：第107项工作', interpretationOf: `${CODES.bureau}/2020-00107`, interpretationKind: 'graphic' }, // 5 forward reference to line 7
  { ...policy(106, { legalForm: 'none', validity: null, docNumber: null }), interpretationOf: `${CODES.bureau}/2020-09999`, interpretationKind: 'text' }, // 6 unknown reference
  policy(107), // 7 good
  policy(108, { externalId: 'ext-8', attachments: [{ filename: '通知.pdf', contentBase64: EXE.toString('base64') }] }), // 8 spoofed attachment
  policy(109, { columns: ['no-such-column'] }), // 9 unknown column
  '', // blank lines are skipped
  { ...policy(110), unit: 'NOSUCHUNIT' }, // 11 unknown unit
]);

test('a file of mixed lines: bad lines reported by number and reason, good ones imported, bad ones leave nothing', async () => {
  const r = await importLines(t.db, ctx, MIXED(), opts);
  assert.deepEqual(r.errors.map((e) => e.line), [2, 3, 6, 8, 9, 11]);
  assert.equal(r.created, 4);
  assert.match(r.errors[0].message, /JSON/);
  assert.ok(r.errors[1].fields?.docNumber, 'the 文号 field is named');
  assert.match(r.errors[2].message, /09999/);
  assert.match(r.errors[3].message, /附件/);
  assert.match(r.errors[4].message, /no-such-column/);
  // nothing of a bad line was written
  for (const n of [102, 106, 108, 109, 110]) assert.equal(await getDocumentByIndexNo(t.db, `${CODES.bureau}/2020-00${n}`), undefined, String(n));
  // the good ones, complete
  const p = (await getDocumentByIndexNo(t.db, `${CODES.bureau}/2020-00101`))!;
  assert.equal(p.status, 'published');
  assert.equal(p.doc_number, '测司发〔2020〕101号');
  assert.equal(p.attachments.length, 1);
  assert.equal(p.attachments[0].mime, 'application/pdf');
  assert.equal((await listVersions(t.db, p.id)).length, 1);
  const interp = (await getDocumentByIndexNo(t.db, `${CODES.bureau}/2020-00105`))!;
  assert.equal(interp.interprets?.index_no, `${CODES.bureau}/2020-00107`, 'forward reference resolved at the end');
  // the version snapshot written without reading the document back equals the one read back
  for (const d of [p, interp]) assert.deepEqual(await getVersionSnapshot(t.db, d.id, 1), snapshotOf(d));
});

test('re-importing the same file changes nothing; an edited line updates its document and keeps a version', async () => {
  const again = await importLines(t.db, ctx, MIXED(), opts);
  assert.equal(again.created, 0);
  assert.equal(again.updated, 0);
  assert.equal(again.unchanged, 4);
  assert.equal(again.errors.length, 6);
  const edited = await importLines(t.db, ctx, fileOf([policy(107, { title: '测试市司法局关于第107项工作的实施意见（修订）' })]), opts);
  assert.deepEqual([edited.created, edited.updated, edited.unchanged], [0, 1, 0]);
  const d = (await getDocumentByIndexNo(t.db, `${CODES.bureau}/2020-00107`))!;
  assert.match(d.title, /修订/);
  assert.equal(d.version, 2);
  // by external id, when there is no 索引号
  const ext = await importLines(t.db, ctx, fileOf([{ externalId: 'ext-4', title: '测试市司法局工作动态（更新）', topic: '1603' }]), opts);
  assert.deepEqual([ext.created, ext.updated], [0, 1]);
  // 发布日期 must be the Asia/Shanghai day of publishedAt (lists filter on the instant)
  const mismatch = await importLines(t.db, ctx, fileOf([policy(120, { publishDate: '2020-05-09' })]), opts);
  assert.ok(mismatch.errors[0]?.fields?.publishDate);
  // indexNo and externalId naming two different documents
  const clash = await importLines(t.db, ctx, fileOf([policy(101, { externalId: 'ext-4' })]), opts);
  assert.ok(clash.errors[0]?.fields?.indexNo);
});

test('export → import into a fresh database → export gives identical lines', async () => {
  // add a corpus sample with interpretations, repeals and withdrawals
  const units = [{ code: CODES.city, name: '测试市人民政府', shortName: '测试市政府', type: 'city_government' }, { code: CODES.bureau, name: '测试市司法局', shortName: '司法局', type: 'department' }];
  const sample = synthesizeDocuments(60, units, 7);
  const imp = await importLines(t.db, ctx, fileOf(sample), { ...opts, unitCode: undefined, batchSize: 25 });
  assert.deepEqual(imp.errors, []);
  assert.equal(imp.created, 60);
  const first: string[] = [];
  for await (const l of exportDocuments(t.db, { dataDir })) first.push(l);
  assert.equal(first.length, 64);

  const fresh = await testDatabase();
  try {
    await seedTree(fresh.db);
    await inTransaction(fresh.db, (tx) => ensureTopics(tx));
    const dir2 = mkdtempSync(join(tmpdir(), 'gk-import2-'));
    const r = await importLines(fresh.db, ctx, first, { dataDir: dir2, maxUploadMb: 5 });
    assert.deepEqual(r.errors, []);
    assert.equal(r.created, 64);
    const second: string[] = [];
    for await (const l of exportDocuments(fresh.db, { dataDir: dir2 })) second.push(l);
    assert.deepEqual(second, first);
  } finally {
    await fresh.cleanup();
  }
});

test('a scheduled document keeps its publication time through import and export; without publishAt the line is refused', async () => {
  const at = '2031-03-01T01:00:00.000Z';
  const sched = { ...policy(201), status: 'scheduled' as const, publishAt: at, publishDate: undefined, publishedAt: undefined };
  const missing = { ...policy(202), status: 'scheduled' as const, publishDate: undefined, publishedAt: undefined };
  const r = await importLines(t.db, ctx, fileOf([sched, missing]), opts);
  assert.equal(r.created, 1);
  assert.deepEqual(r.errors.map((e) => [e.line, e.fields?.publishAt]), [[2, '定时发布的文件须有有效的 publishAt']]);
  const d = await getDocumentByIndexNo(t.db, sched.indexNo!);
  assert.equal(d?.status, 'scheduled');
  assert.equal(new Date(d!.publish_at!).toISOString(), at);
  assert.equal(d?.published_at, null);
  let line: ImportRecord | undefined;
  for await (const l of exportDocuments(t.db, { dataDir })) {
    const rec = JSON.parse(l) as ImportRecord;
    if (rec.indexNo === sched.indexNo) line = rec;
  }
  assert.equal(line?.status, 'scheduled');
  assert.equal(line?.publishAt, at);
  assert.equal(line?.publishedAt, undefined);
});

test('attachment paths stay inside the import file’s folder: absolute, .. and a symbolic link out are refused (F13)', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'gk-outside-'));
  writeFileSync(join(outside, 'secret.pdf'), PDF);
  const folder = mkdtempSync(join(tmpdir(), 'gk-jsonl-'));
  mkdirSync(join(folder, 'files'));
  writeFileSync(join(folder, 'files', 'ok.pdf'), PDF);
  symlinkSync(join(outside, 'secret.pdf'), join(folder, 'files', 'link.pdf'));
  const rel = relative(folder, join(outside, 'secret.pdf'));
  const lines = fileOf([
    policy(301, { attachments: [{ filename: 'a.pdf', path: join(outside, 'secret.pdf') }] }),
    policy(302, { attachments: [{ filename: 'b.pdf', path: rel }] }),
    policy(303, { attachments: [{ filename: 'c.pdf', path: 'files/link.pdf' }] }),
    policy(304, { attachments: [{ filename: 'd.pdf', path: 'files/ok.pdf' }] }),
  ]);
  const r = await importLines(t.db, ctx, lines, { ...opts, baseDir: folder });
  assert.deepEqual(r.errors.map((e) => e.line), [1, 2, 3]);
  for (const e of r.errors) assert.match(e.message, /导入文件所在文件夹|inside the import file/);
  assert.equal(r.created, 1);
  assert.equal((await getDocumentByIndexNo(t.db, `${CODES.bureau}/2020-00304`))!.attachments.length, 1);
  for (const n of [301, 302, 303]) assert.equal(await getDocumentByIndexNo(t.db, `${CODES.bureau}/2020-00${n}`), undefined, String(n));
  // lines not read from a file (no folder): a path names nothing
  const r2 = await importLines(t.db, ctx, fileOf([policy(305, { attachments: [{ filename: 'e.pdf', path: 'files/ok.pdf' }] })]), opts);
  assert.deepEqual(r2.errors.map((e) => e.line), [1]);
});
