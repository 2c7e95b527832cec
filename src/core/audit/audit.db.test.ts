import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { recordAudit, verifyAudit, canonicalJson } from './index.ts';
import { inTransaction } from '../db/index.ts';
import { seedTree } from '../../../test/helpers/fixtures.ts';
import { updateUnit } from '../../modules/units/commands.ts';
import { systemContext } from '../commands/context.ts';

let d: TestDb;
before(async () => {
  d = await testDatabase();
});
after(async () => d.cleanup());

const actor = { id: null, name: 'tester' };

test('canonicalJson sorts keys at every level', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
});

test('a fresh chain verifies, and commands write one event each inside their transaction', async () => {
  const t = await seedTree(d.db);
  const n0 = (await verifyAudit(d.db)).count;
  await updateUnit(d.db, systemContext('t'), t.bureau.id, { phone: '0421-5550999' });
  const r = await verifyAudit(d.db);
  assert.equal(r.ok, true, JSON.stringify(r.problems));
  assert.equal(r.count, n0 + 1);
  const last = await d.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  assert.equal(last.action, 'unit.registry.update');
  assert.deepEqual((last.summary as { after: Record<string, unknown> }).after, { phone: '0421-5550999' });
});

test('an audit event in a rolled-back transaction leaves no trace', async () => {
  const before = (await verifyAudit(d.db)).count;
  await assert.rejects(
    inTransaction(d.db, async (tx) => {
      await recordAudit(tx, actor, { action: 'test.rollback', unitId: null, subjectType: 'test', subjectId: 1 });
      throw new Error('boom');
    }),
  );
  const r = await verifyAudit(d.db);
  assert.equal(r.count, before);
  assert.equal(r.ok, true);
});

test('the database refuses to update or delete audit rows', async () => {
  await assert.rejects(sql`update audit_log set actor_name = 'x'`.execute(d.db), /append-only/);
  await assert.rejects(sql`delete from audit_log`.execute(d.db), /append-only/);
});

test('verify detects an edited row, a deleted row and a truncated tail', async () => {
  for (let i = 0; i < 3; i++) await inTransaction(d.db, (tx) => recordAudit(tx, actor, { action: 'test.write', unitId: null, subjectType: 'test', subjectId: i, summary: { after: { i } } }));
  const rows = await d.db.selectFrom('audit_log').select('id').orderBy('id').execute();
  const mid = rows[Math.floor(rows.length / 2)].id;
  // a DBA with table-owner rights switches the trigger off and edits a row
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(d.db);
  await sql`update audit_log set actor_name = 'someone-else' where id = ${mid}`.execute(d.db);
  let r = await verifyAudit(d.db);
  assert.equal(r.ok, false);
  assert.ok(r.problems.some((p) => p.kind === 'edited' && p.id === mid), JSON.stringify(r.problems));

  // deleting a row breaks the next row's link
  const victim = rows[1].id;
  await sql`delete from audit_log where id = ${victim}`.execute(d.db);
  r = await verifyAudit(d.db);
  assert.ok(r.problems.some((p) => p.kind === 'chain_broken' && p.id === rows[2].id), JSON.stringify(r.problems));

  // deleting the newest row is caught by the head record
  const lastId = rows[rows.length - 1].id;
  await sql`delete from audit_log where id = ${lastId}`.execute(d.db);
  r = await verifyAudit(d.db);
  assert.ok(r.problems.some((p) => p.kind === 'head_mismatch'), JSON.stringify(r.problems));
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(d.db);
});
