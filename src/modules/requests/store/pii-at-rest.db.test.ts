/**
 * Personal data at rest (security audit 2026-12-04, F7): the applicant's name, postcode, the request's
 * title, 文号 and description and the uploaded files (names and bytes) are ciphertext in the tables;
 * staff find a case by the applicant's exact name through a keyed hash; `gongkai pii rotate` re-encrypts
 * them; migration 0920 encrypts rows an older version wrote in clear.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { Migrator, sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { openDatabase, type Database } from '../../../core/db/index.ts';
import { allMigrations, migrateToLatest } from '../../../core/db/migrate.ts';
import { systemContext, type CommandContext } from '../../../core/commands/context.ts';
import type { Config } from '../../../config/env.ts';
import { unitById } from '../../units/repository.ts';
import { submitOnline } from '../intake-commands.ts';
import { attachmentsOf, caseById, caseText, listCases } from './repository.ts';
import { attachmentForHandler } from './supervision.ts';
import { rotatePii } from './pii-rotate.ts';
import { bytesKeyId, configurePiiKeys, decryptPii, decryptPiiBytes, hmacName, keyId, piiKeys, tokenKeyId } from '../../../core/pii/crypto.ts';
import { application, ctxFor, requestsTree } from './fixtures.test-helper.ts';

const NAME = '欧阳明华';
const TITLE = '幸福里小区房屋征收补偿方案';
const NUMBER = '测征字〔2024〕7号';
const DESC = '本人房屋位于幸福里3号楼，请求公开补偿标准及评估报告';
const POSTCODE = '122011';
const FILE = '欧阳明华身份证正面.png';
// a PNG (signature, IHDR, one IDAT chunk of random bytes no ciphertext would contain by chance)
const IDAT = randomBytes(4096);
const SCAN = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000000000', 'hex'),
  Buffer.from([0, 0, 0x10, 0]), Buffer.from('IDAT'), IDAT, Buffer.alloc(4),
]);

let d: TestDb;
let cfg: Config;
let handler: CommandContext;
let caseId: number;

before(async () => {
  d = await testDatabase();
  cfg = testConfig();
  const tree = await requestsTree(d.db);
  handler = await ctxFor(d.db, 'handler');
  const unit = (await unitById(d.db, tree.bureau.id))!;
  const r = await submitOnline(d.db, cfg, unit, application({ name: NAME, info_title: TITLE, info_number: NUMBER, description: DESC, postcode: POSTCODE }), [{ filename: FILE, data: SCAN }], { ip: null });
  assert.equal(r.kind, 'created');
  caseId = r.kind === 'created' ? r.caseId : 0;
});
after(async () => d.cleanup());

const rawCase = async (id: number) => (await sql<Record<string, unknown>>`select * from request_cases where id = ${id}`.execute(d.db)).rows[0];
const rawFiles = async (id: number) => (await sql<Record<string, unknown>>`select * from request_attachments where case_id = ${id} order by id`.execute(d.db)).rows;
const bytesOf = (v: unknown) => Buffer.from(v as Uint8Array);

test('the raw tables hold ciphertext: no name, request text, postcode, file name or file bytes in clear', async () => {
  const row = await rawCase(caseId);
  const text = JSON.stringify(row);
  for (const plain of [NAME, TITLE, NUMBER, DESC, POSTCODE, '幸福里']) assert.ok(!text.includes(plain), `${plain} is not stored in clear`);
  for (const col of ['applicant_name_enc', 'postcode_enc', 'info_title_enc', 'info_number_enc', 'description_enc']) assert.match(String(row[col]), /^g1\./, col);
  assert.equal(row.applicant_name_masked, '欧***');
  const files = await rawFiles(caseId);
  assert.equal(files.length, 1);
  const { content_enc, ...meta } = files[0];
  assert.ok(!JSON.stringify(meta).includes('身份证'), 'the file name is not stored in clear');
  const stored = bytesOf(content_enc);
  assert.ok(stored.length > SCAN.length, 'nonce and tag around the ciphertext');
  assert.equal(stored.indexOf(SCAN.subarray(0, 8)), -1, 'no PNG signature');
  assert.equal(stored.indexOf(SCAN.subarray(1000, 1032)), -1, 'no run of the file bytes');
  assert.equal(bytesKeyId(stored), keyId(cfg.piiKeys[0]));
});

test('the case reads back in clear for staff; lists show the name masked', async () => {
  const c = (await caseById(d.db, caseId))!;
  assert.deepEqual([c.applicant_name, c.info_title, c.info_number, c.description, c.postcode], [NAME, TITLE, NUMBER, DESC, POSTCODE]);
  const [row] = (await listCases(d.db, { scope: ['/'], status: 'all', q: NAME, today: '2024-12-31' })).filter((r) => r.id === caseId);
  assert.equal(row.applicant_name_masked, '欧***');
  assert.equal(row.info_title, TITLE);
  assert.ok(!('applicant_name' in row), 'a list row has no full name');
});

test('staff find the case by the applicant’s exact name (keyed hash of the normalised name), not by a fragment', async () => {
  const found = async (q: string) => (await listCases(d.db, { scope: ['/'], status: 'all', q, today: '2024-12-31' })).map((r) => r.id);
  assert.ok((await found(NAME)).includes(caseId));
  assert.ok((await found(' 欧阳 明华 ')).includes(caseId), 'spaces do not matter');
  assert.ok(!(await found('欧阳')).includes(caseId), 'a part of the name does not match');
  assert.ok(!(await found('幸福里')).includes(caseId), 'the encrypted description is not searched');
  assert.deepEqual(await listCases(d.db, { scope: ['/nowhere/'], status: 'all', q: NAME, today: '2024-12-31' }), [], 'only within the scope');
  assert.equal((await rawCase(caseId)).applicant_name_hmac, hmacName(cfg.piiKeys[0], NAME));
});

test('an uploaded file comes back byte-identical to the handler, with its name; the download is audited', async () => {
  const [a] = await attachmentsOf(d.db, caseId);
  assert.equal(a.filename, FILE);
  const got = await attachmentForHandler(d.db, handler, caseId, a.id);
  assert.equal(Buffer.compare(Buffer.from(got.content), SCAN), 0);
  assert.equal(got.filename, FILE);
  assert.equal(createHash('sha256').update(got.content).digest('hex'), a.sha256);
  const audit = await d.db.selectFrom('audit_log').select('summary').where('action', '=', 'request.attachment.view').where('subject_id', '=', String(caseId)).execute();
  assert.equal(audit.length, 1);
  assert.ok(!JSON.stringify(audit).includes('身份证'));
});

test('gongkai pii rotate re-encrypts the name, the request text and the files under the new key', async () => {
  const old = cfg.piiKeys;
  const fresh = randomBytes(32);
  const rotated = [fresh, ...old];
  configurePiiKeys(rotated);
  try {
    const r = await rotatePii(d.db, systemContext('cli:test'), rotated);
    assert.ok(r.cases >= 1);
    assert.ok(r.attachments >= 1);
    const row = await rawCase(caseId);
    for (const col of ['applicant_name_enc', 'postcode_enc', 'info_title_enc', 'info_number_enc', 'description_enc']) assert.equal(tokenKeyId(String(row[col])), keyId(fresh), col);
    assert.deepEqual(caseText(row as never, [fresh]), { applicant_name: NAME, contact_person: null, postcode: POSTCODE, info_title: TITLE, info_number: NUMBER, description: DESC }, 'readable with the new key alone');
    assert.equal(row.applicant_name_hmac, hmacName(fresh, NAME), 'the name hash follows the current key');
    assert.ok((await listCases(d.db, { scope: ['/'], status: 'all', q: NAME, today: '2024-12-31' })).some((x) => x.id === caseId), 'found by name after rotation');
    const [f] = await rawFiles(caseId);
    assert.equal(f.key_id, keyId(fresh));
    assert.equal(tokenKeyId(String(f.filename_enc)), keyId(fresh));
    assert.equal(Buffer.compare(decryptPiiBytes([fresh], 'attachment', bytesOf(f.content_enc)), SCAN), 0);
    assert.equal(decryptPii([fresh], 'attachment_name', String(f.filename_enc)), FILE);
    const again = await rotatePii(d.db, systemContext('cli:test'), rotated);
    assert.deepEqual([again.cases, again.attachments], [0, 0], 'idempotent');
  } finally {
    await rotatePii(d.db, systemContext('cli:test'), [old[0], fresh]);
    configurePiiKeys(old);
  }
  assert.equal(bytesKeyId(bytesOf((await rawFiles(caseId))[0].content_enc)), keyId(old[0]));
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

test('migration 0920 encrypts, in place, the rows an older version stored in clear', async () => {
  const e = await emptyDatabase();
  try {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(e.db);
    const older = Object.fromEntries(Object.entries(allMigrations()).filter(([name]) => name < '0920'));
    const res = await new Migrator({ db: e.db, provider: { getMigrations: async () => older }, migrationTableSchema: rows[0].schema }).migrateToLatest();
    assert.equal(res.error, undefined);
    const unit = await sql<{ id: number }>`insert into units (code, name, short_name, type, path, slug) values ('T1', '测试局', '测试局', 'department', '/1/', 't1') returning id`.execute(e.db);
    const ins = await sql<{ id: number }>`
      insert into request_cases (unit_id, ref, source, status, channel, category, applicant_name, contact_person, postcode, info_title, info_number, description)
      values (${unit.rows[0].id}, 'OLD-1', 'staff', 'registered', 'post', 'commercial', '朝阳市示例科技有限公司', ${'李联系'}, ${POSTCODE}, ${TITLE}, ${NUMBER}, ${DESC}) returning id`.execute(e.db);
    const id = ins.rows[0].id;
    await sql`insert into request_attachments (case_id, filename, mime, size, sha256, content) values (${id}, ${FILE}, 'image/png', ${SCAN.length}, 'x', ${SCAN})`.execute(e.db);

    await migrateToLatest(e.db);
    const cols = (await sql<{ c: string }>`select column_name as c from information_schema.columns where table_schema = current_schema() and table_name in ('request_cases', 'request_attachments')`.execute(e.db)).rows.map((r) => r.c);
    for (const gone of ['applicant_name', 'contact_person', 'postcode', 'info_title', 'info_number', 'description', 'filename', 'content']) assert.ok(!cols.includes(gone), `${gone} is dropped`);
    const row = (await sql<Record<string, unknown>>`select * from request_cases where id = ${id}`.execute(e.db)).rows[0];
    assert.ok(!JSON.stringify(row).includes('示例科技') && !JSON.stringify(row).includes(DESC));
    assert.deepEqual(caseText(row as never, piiKeys()), { applicant_name: '朝阳市示例科技有限公司', contact_person: '李联系', postcode: POSTCODE, info_title: TITLE, info_number: NUMBER, description: DESC });
    assert.equal(row.applicant_name_masked, '朝阳****有限公司');
    assert.equal(row.applicant_name_hmac, hmacName(piiKeys()[0], '朝阳市示例科技有限公司'));
    const f = (await sql<Record<string, unknown>>`select * from request_attachments where case_id = ${id}`.execute(e.db)).rows[0];
    assert.equal(decryptPii(piiKeys(), 'attachment_name', String(f.filename_enc)), FILE);
    assert.equal(Buffer.compare(decryptPiiBytes(piiKeys(), 'attachment', bytesOf(f.content_enc)), SCAN), 0);
    assert.equal(f.key_id, keyId(piiKeys()[0]));
  } finally {
    await e.drop();
  }
});
