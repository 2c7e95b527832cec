/**
 * Letters at rest (security issue #10 item 6): `request_letters` holds the recipient, the DocModel
 * (applicant's name, request summary, the 回执's query code), the DOCX/PDF bytes and the delivery note
 * as ciphertext; downloads decrypt to the same bytes; `gongkai pii rotate` re-encrypts letters, issued
 * ones included, while an issued letter's content still cannot be changed; migration 0904 encrypts
 * letters an older version stored in clear.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Migrator, sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { openDatabase, type Database } from '../../../core/db/index.ts';
import { allMigrations, migrateToLatest } from '../../../core/db/migrate.ts';
import { systemContext, type CommandContext } from '../../../core/commands/context.ts';
import { extractDocxText, extractPdfText, type DocModel } from '../../../core/docs/index.ts';
import type { AppError } from '../../../core/http/errors.ts';
import type { Config } from '../../../config/env.ts';
import { applyStep, recordDelivery } from '../commands.ts';
import { registerByStaff } from '../intake-commands.ts';
import { issueLetter, letterFile, updateDraft } from './letters-store.ts';
import { rotatePii } from './pii-rotate.ts';
import { bytesKeyId, configurePiiKeys, encryptPii, keyId, piiKeys, tokenKeyId } from '../../../core/pii/crypto.ts';
import { letterById, lettersOf } from './repository.ts';
import { allowLetterReencryption } from './letters-pii.ts';
import { ctxFor, paperApplication, requestsTree } from './fixtures.test-helper.ts';

const NAME = '司马晓燕';
const TITLE = '青松街道老旧小区改造资金明细';
const NOTE = 'EMS单号1188776655443';
const TODAY = '2025-12-31';

let d: TestDb;
let cfg: Config;
let handler: CommandContext;
let caseId: number;
let queryCode: string;
let receiptId: number;

before(async () => {
  d = await testDatabase();
  cfg = testConfig();
  const tree = await requestsTree(d.db);
  handler = await ctxFor(d.db, 'handler');
  const r = await registerByStaff(d.db, cfg, handler, tree.bureau.id, paperApplication('2025-03-03', { name: NAME, info_title: TITLE }), { today: TODAY });
  caseId = r.caseId;
  queryCode = r.queryCode;
  await applyStep(d.db, handler, caseId, { type: 'accept', date: '2025-03-03' }, { today: TODAY });
  const receipt = (await lettersOf(d.db, caseId)).find((l) => l.kind === 'receipt')!;
  receiptId = receipt.id;
  await issueLetter(d.db, handler, receiptId, { date: '2025-03-03', today: TODAY });
  await recordDelivery(d.db, handler, receiptId, { method: 'post', date: '2025-03-04', note: NOTE }, { today: TODAY });
});
after(async () => d.cleanup());

const rawLetters = async (db: TestDb['db'], where: number) => (await sql<Record<string, unknown>>`select * from request_letters where case_id = ${where} order by id`.execute(db)).rows;
const bytes = (v: unknown) => Buffer.from(v as Uint8Array);
const PDF_MAGIC = Buffer.from('%PDF');
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

function assertNoClear(rows: Record<string, unknown>[], secrets: string[]) {
  for (const row of rows) {
    const text = JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v])));
    for (const s of secrets) assert.ok(!text.includes(s), `letter ${String(row.id)} holds “${s}” in clear`);
    for (const col of ['docx_enc', 'pdf_enc']) {
      if (row[col] === null || row[col] === undefined) continue;
      const b = bytes(row[col]);
      assert.ok(!b.includes(PDF_MAGIC) && !b.includes(ZIP_MAGIC), `${col} of letter ${String(row.id)} holds PDF/DOCX bytes in clear`);
    }
    for (const gone of ['recipient', 'model', 'docx', 'pdf', 'delivery_note']) assert.ok(!(gone in row), `clear column ${gone} is gone`);
  }
}

test('drafted and issued letters: the raw row holds no name, query code, request text, note or PDF/DOCX bytes in clear', async () => {
  const rows = await rawLetters(d.db, caseId);
  assert.ok(rows.length >= 1);
  const issued = rows.find((r) => r.id === receiptId)!;
  assert.equal(issued.status, 'issued');
  assert.ok(issued.docx_enc && issued.pdf_enc, 'the files are stored, encrypted');
  assert.equal(tokenKeyId(String(issued.model_enc)), keyId(piiKeys()[0]));
  assertNoClear(rows, [NAME, queryCode, TITLE, NOTE, '1188776655443']);
  // what the application reads is the clear letter
  const l = (await letterById(d.db, receiptId))!;
  assert.equal(l.recipient, NAME);
  assert.equal(l.delivery_note, NOTE);
  const text = JSON.stringify(l.model);
  assert.ok(text.includes(NAME) && text.includes(queryCode), 'the decrypted model names the applicant and prints the query code');
});

test('downloads decrypt to the rendered DOCX and PDF (staff and the applicant use letterFile)', async () => {
  const l = (await letterById(d.db, receiptId))!;
  const pdf = await letterFile(d.db, l, 'pdf');
  const docx = await letterFile(d.db, l, 'docx');
  assert.ok(pdf.bytes.subarray(0, 4).equals(PDF_MAGIC));
  assert.ok(docx.bytes.subarray(0, 4).equals(ZIP_MAGIC));
  const pdfText = (await extractPdfText(pdf.bytes)).replace(/\s+/g, '');
  for (const must of [NAME, queryCode, l.number!]) {
    assert.ok(pdfText.includes(must), `PDF says ${must}`);
    assert.ok(extractDocxText(docx.bytes).includes(must), `DOCX says ${must}`);
  }
  // a letter issued without files (demo seed) renders once, and keeps the file encrypted
  const other = await registerByStaff(d.db, cfg, handler, (await d.db.selectFrom('request_cases').select('unit_id').where('id', '=', caseId).executeTakeFirstOrThrow()).unit_id, paperApplication('2025-03-05', { name: NAME }), { today: TODAY });
  const r2 = (await lettersOf(d.db, other.caseId)).find((x) => x.kind === 'receipt')!;
  await issueLetter(d.db, handler, r2.id, { date: '2025-03-05', render: false, today: TODAY });
  const first = await letterFile(d.db, (await letterById(d.db, r2.id))!, 'pdf');
  assert.ok(first.bytes.subarray(0, 4).equals(PDF_MAGIC));
  const [raw] = (await rawLetters(d.db, other.caseId)).filter((x) => x.id === r2.id);
  assert.ok(raw.pdf_enc && !bytes(raw.pdf_enc).includes(PDF_MAGIC), 'kept, encrypted');
  assert.equal(Buffer.compare((await letterFile(d.db, (await letterById(d.db, r2.id))!, 'pdf')).bytes, first.bytes), 0, 'the kept file is the one served first');
});

test('an issued letter cannot be changed: not by the store, not by SQL, not even with the re-encryption setting except to another key', async () => {
  await assert.rejects(updateDraft(d.db, handler, receiptId, ['篡改']), (e: AppError) => e.status === 409);
  const other = encryptPii(piiKeys(), 'letter_model', JSON.stringify({ title: 'x', blocks: [] }));
  await assert.rejects(sql`update request_letters set model_enc = ${other} where id = ${receiptId}`.execute(d.db), /cannot be changed/);
  await assert.rejects(sql`update request_letters set recipient_enc = ${encryptPii(piiKeys(), 'letter_recipient', '张三')} where id = ${receiptId}`.execute(d.db), /cannot be changed/);
  await assert.rejects(sql`update request_letters set pdf_enc = null where id = ${receiptId}`.execute(d.db), /cannot be changed/);
  await assert.rejects(sql`update request_letters set number = 'X' where id = ${receiptId}`.execute(d.db), /cannot be changed/);
  // in a re-encryption transaction: same key (a content swap), clear text, or removing a file are refused
  const inReencryption = (q: ReturnType<typeof sql>) => d.db.transaction().execute(async (tx) => {
    await allowLetterReencryption(tx);
    await q.execute(tx);
  });
  await assert.rejects(inReencryption(sql`update request_letters set model_enc = ${other} where id = ${receiptId}`), /only be re-encrypted/);
  await assert.rejects(inReencryption(sql`update request_letters set model_enc = '{"title":"x"}' where id = ${receiptId}`), /only be re-encrypted/);
  await assert.rejects(inReencryption(sql`update request_letters set pdf_enc = null where id = ${receiptId}`), /only be re-encrypted/);
  await assert.rejects(inReencryption(sql`update request_letters set number = 'X' where id = ${receiptId}`), /cannot be changed/);
  // the setting is transaction-local: after such a transaction, a plain update is refused again
  await d.db.transaction().execute((tx) => allowLetterReencryption(tx));
  await assert.rejects(sql`update request_letters set model_enc = ${other} where id = ${receiptId}`.execute(d.db), /cannot be changed/);
  assert.equal((await letterById(d.db, receiptId))!.recipient, NAME);
});

test('gongkai pii rotate re-encrypts letters (issued ones too); downloads return the same bytes under the new key alone', async () => {
  const before = (await letterById(d.db, receiptId))!;
  const pdf = (await letterFile(d.db, before, 'pdf')).bytes;
  const docx = (await letterFile(d.db, before, 'docx')).bytes;
  const old = cfg.piiKeys;
  const fresh = randomBytes(32);
  const rotated = [fresh, ...old];
  configurePiiKeys(rotated);
  try {
    const r = await rotatePii(d.db, systemContext('cli:test'), rotated);
    assert.ok(r.letters >= 1, 'letters re-encrypted');
    const [row] = (await rawLetters(d.db, caseId)).filter((x) => x.id === receiptId);
    for (const col of ['recipient_enc', 'model_enc', 'delivery_note_enc']) assert.equal(tokenKeyId(String(row[col])), keyId(fresh), col);
    for (const col of ['docx_enc', 'pdf_enc']) assert.equal(bytesKeyId(bytes(row[col])), keyId(fresh), col);
    assert.equal(row.status, 'issued');
    configurePiiKeys([fresh]); // the old key removed: everything still reads
    const l = (await letterById(d.db, receiptId))!;
    assert.deepEqual(l.model as DocModel, before.model);
    assert.equal(l.recipient, NAME);
    assert.equal(l.delivery_note, NOTE);
    assert.equal(Buffer.compare((await letterFile(d.db, l, 'pdf')).bytes, pdf), 0);
    assert.equal(Buffer.compare((await letterFile(d.db, l, 'docx')).bytes, docx), 0);
    configurePiiKeys(rotated);
    const again = await rotatePii(d.db, systemContext('cli:test'), rotated);
    assert.equal(again.letters, 0, 'idempotent');
    // still frozen after the rotation
    await assert.rejects(sql`update request_letters set model_enc = ${encryptPii([fresh], 'letter_model', '{}')} where id = ${receiptId}`.execute(d.db), /cannot be changed/);
  } finally {
    await rotatePii(d.db, systemContext('cli:test'), [old[0], fresh]);
    configurePiiKeys(old);
  }
  const [row] = (await rawLetters(d.db, caseId)).filter((x) => x.id === receiptId);
  assert.equal(bytesKeyId(bytes(row.pdf_enc)), keyId(old[0]));
});

async function emptyDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const e = await openDatabase({ databaseUrl: null, memory: true });
    return { ...e, drop: () => e.close() };
  }
  const schema = 't_' + randomBytes(6).toString('hex');
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`create schema ${schema}`);
  const e = await openDatabase({ databaseUrl: url, schema, poolSize: 2 });
  return { ...e, drop: async () => { await e.close(); await run(`drop schema ${schema} cascade`); } };
}

test('migration 0904 encrypts, in place, letters an older version stored in clear; the issued one stays frozen', async () => {
  const e = await emptyDatabase();
  try {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(e.db);
    const older = Object.fromEntries(Object.entries(allMigrations()).filter(([name]) => name < '0904'));
    const res = await new Migrator({ db: e.db, provider: { getMigrations: async () => older }, migrationTableSchema: rows[0].schema }).migrateToLatest();
    assert.equal(res.error, undefined);
    const unit = await sql<{ id: number }>`insert into units (code, name, short_name, type, path, slug) values ('T1', '测试局', '测试局', 'department', '/1/', 't1') returning id`.execute(e.db);
    const c = await sql<{ id: number }>`
      insert into request_cases (unit_id, ref, source, status, channel, category, applicant_name, description)
      values (${unit.rows[0].id}, 'OLD-1', 'staff', 'registered', 'post', 'natural', ${NAME}, ${TITLE}) returning id`.execute(e.db);
    const model = { title: '政府信息公开申请接收回执', number: '测司公收〔2024〕1号', blocks: [{ type: 'paragraph', runs: `${NAME}：你于2024年9月2日提出的关于“${TITLE}”的申请已收到。查询码：OLDCODE7（请妥善保管）。` }] };
    const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(512)]);
    const DOCX = Buffer.concat([ZIP_MAGIC, randomBytes(512)]);
    const ins = await sql<{ id: number }>`
      insert into request_letters (case_id, unit_id, kind, status, title, recipient, number, letter_date, model, docx, pdf, created_by, delivery_note)
      values (${c.rows[0].id}, ${unit.rows[0].id}, 'receipt', 'issued', '政府信息公开申请接收回执', ${NAME}, '测司公收〔2024〕1号', '2024-09-02',
              ${JSON.stringify(model)}::jsonb, ${DOCX}, ${PDF}, 'test', ${NOTE}) returning id`.execute(e.db);
    const draft = await sql<{ id: number }>`
      insert into request_letters (case_id, unit_id, kind, status, title, recipient, model, created_by)
      values (${c.rows[0].id}, ${unit.rows[0].id}, 'reply.release', 'draft', '答复书', ${NAME}, ${JSON.stringify(model)}::jsonb, 'test') returning id`.execute(e.db);
    const id = ins.rows[0].id;

    await migrateToLatest(e.db);
    const raw = await rawLetters(e.db as TestDb['db'], c.rows[0].id);
    assert.equal(raw.length, 2);
    assertNoClear(raw, [NAME, 'OLDCODE7', TITLE, NOTE]);
    const l = (await letterById(e.db, id))!;
    assert.deepEqual(l.model, model);
    assert.equal(l.recipient, NAME);
    assert.equal(l.delivery_note, NOTE);
    assert.equal(l.status, 'issued');
    assert.equal(Buffer.compare((await letterFile(e.db, l, 'pdf')).bytes, PDF), 0, 'the stored PDF comes back byte-identical');
    assert.equal(Buffer.compare((await letterFile(e.db, l, 'docx')).bytes, DOCX), 0);
    assert.equal((await letterById(e.db, draft.rows[0].id))!.recipient, NAME);
    await assert.rejects(sql`update request_letters set model_enc = ${encryptPii(piiKeys(), 'letter_model', '{}')} where id = ${id}`.execute(e.db), /cannot be changed/);
    const setting = await sql<{ v: string | null }>`select current_setting('gongkai.letter_reencrypt', true) as v`.execute(e.db);
    assert.notEqual(setting.rows[0].v, 'on', 'the re-encryption setting does not outlive the migration');
  } finally {
    await e.drop();
  }
});
