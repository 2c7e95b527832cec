/**
 * The list query's shapes on a real database: per-unit reads with and without the rows that have no
 * unit, dates as an id range, both paging directions, kinds including codes the catalogue does not
 * know yet, and sign-ins hidden.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createUnit } from '../../units/commands.ts';
import { makeUscc } from '../../units/uscc.ts';
import { listAudit, unitScope, unitsInScope, type AuditFilter } from './queries.ts';

let d: TestDb;
const u: Record<string, { id: number; path: string }> = {};

before(async () => {
  d = await testDatabase();
  const ctx = systemContext('test');
  u.a = await createUnit(d.db, ctx, { code: makeUscc('211300', 'QA000001'), name: '甲市人民政府', short_name: '甲市', type: 'city_government', slug: 'qa' });
  u.a1 = await createUnit(d.db, ctx, { code: makeUscc('211300', 'QA000002'), name: '甲市某局', short_name: '某局', type: 'department', slug: 'qa1', parent_code: makeUscc('211300', 'QA000001') });
  u.b = await createUnit(d.db, ctx, { code: makeUscc('211400', 'QB000001'), name: '乙市人民政府', short_name: '乙市', type: 'city_government', slug: 'qb' });
  const add = (action: string, unitId: number | null, at?: string) => inTransaction(d.db, async (tx) => {
    const id = await recordAudit(tx, { id: null, name: 'system' }, { action, unitId, subjectType: 'test', subjectId: action });
    // old rows for the date filter (the triggers refuse updates: the test plays a migration of old data)
    if (at) {
      await sql`alter table audit_log disable trigger user`.execute(tx);
      await sql`update audit_log set at = ${new Date(at)} where id = ${id}`.execute(tx);
      await sql`alter table audit_log enable trigger user`.execute(tx);
    }
  });
  await add('document.create', u.a1.id, '2020-01-01T10:00:00+08:00');
  await add('document.future_thing', u.a1.id, '2020-06-30T23:59:00+08:00');
  await add('user.login', u.a.id, '2020-07-01T00:00:00+08:00');
  await add('settings.update', null);
  await add('document.publish', u.b.id);
  for (let i = 0; i < 5; i++) await add('document.edit', u.a1.id);
});
after(() => d.cleanup());

const f = (x: Partial<AuditFilter> = {}): AuditFilter => ({ sub: true, hideSignins: false, ...x });
const ours = (rows: { action: string }[]) => rows.map((r) => r.action).filter((a) => !a.startsWith('unit.'));

test('a grant on one of two roots: its units read one by one, plus the rows without a unit', async () => {
  const scope = [u.a.path];
  const s = unitScope(scope, await unitsInScope(d.db, scope), f())!;
  assert.equal(s.all, false);
  assert.equal(s.includeNull, true);
  const rows = await listAudit(d.db, s, f(), { limit: 50 });
  assert.deepEqual(ours(rows), ['document.edit', 'document.edit', 'document.edit', 'document.edit', 'document.edit', 'settings.update', 'user.login', 'document.future_thing', 'document.create']);
  const child = unitScope(scope, await unitsInScope(d.db, scope), f({ unitId: u.a1.id }))!;
  assert.equal(child.includeNull, false);
  assert.equal(unitScope(scope, await unitsInScope(d.db, scope), f({ unitId: u.b.id })), null, 'a unit outside the scope');
});

test('dates are Shanghai days, inclusive; kinds include codes only the log knows; sign-ins can be hidden', async () => {
  const scope = [u.a.path, u.b.path];
  const s = unitScope(scope, await unitsInScope(d.db, scope), f())!;
  assert.equal(s.all, true);
  const h1 = await listAudit(d.db, s, f({ from: '2020-01-01', to: '2020-06-30' }), { limit: 50 });
  assert.deepEqual(ours(h1), ['document.future_thing', 'document.create']);
  assert.deepEqual(ours(await listAudit(d.db, s, f({ from: '2020-07-01', to: '2020-07-01' }), { limit: 50 })), ['user.login']);
  assert.deepEqual(await listAudit(d.db, s, f({ from: '2019-01-01', to: '2019-12-31' }), { limit: 50 }), []);
  const docs = ours(await listAudit(d.db, s, f({ kind: 'document', from: '2020-01-01', to: '2020-12-31' }), { limit: 50 }));
  assert.deepEqual(docs, ['document.future_thing', 'document.create']);
  assert.ok(!ours(await listAudit(d.db, s, f({ hideSignins: true }), { limit: 50 })).includes('user.login'));
});

test('keyset paging in both directions, per unit and over all units', async () => {
  const scope = [u.a.path];
  const s = unitScope(scope, await unitsInScope(d.db, scope), f({ unitId: u.a1.id }))!;
  const all = await listAudit(d.db, s, f(), { limit: 50 });
  const p1 = await listAudit(d.db, s, f(), { limit: 3 });
  const p2 = await listAudit(d.db, s, f(), { limit: 3, before: p1[2].id });
  assert.deepEqual([...p1, ...p2].map((r) => r.id), all.slice(0, 6).map((r) => r.id));
  const back = await listAudit(d.db, s, f(), { limit: 3, after: p2[0].id });
  assert.deepEqual(back.map((r) => r.id), p1.map((r) => r.id), 'newer page, newest first');
});
