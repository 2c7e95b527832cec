/**
 * The demo: the real 2020 plan imported under the demo city, every lead unit the plan names resolved
 * to a demo unit (none unresolved), and the mix of reports: task 6 done by every unit with evidence
 * (not overdue), task 4 overdue for the two counties that did not finish, external links unverified.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createUnit } from '../../units/commands.ts';
import { DEMO_UNITS, demoUnitFields } from '../../units/demo.ts';
import { seedWorkplan } from './workplan.ts';
import { planProgress } from '../store/queries.ts';

let t: TestDb;
before(async () => {
  t = await testDatabase();
  const ctx = systemContext('test');
  const codes: Record<string, string> = {};
  for (const [i, u] of DEMO_UNITS.entries()) {
    const f = demoUnitFields(u, i);
    await createUnit(t.db, ctx, { ...f, parent_code: u.parent ? codes[u.parent] : null });
    codes[u.key] = f.code;
  }
});
after(async () => {
  await t?.cleanup();
});

test('the 2020 plan with its real lead units and a mix of reports', async () => {
  const n = await seedWorkplan(t.db, systemContext('seed'), () => {});
  assert.ok(n > 30, `${n} reports`);
  const plan = await t.db.selectFrom('workplan_plans').selectAll().executeTakeFirstOrThrow();
  assert.equal(plan.title, '朝阳市2020年政务公开工作要点');
  assert.equal(plan.issuer, '朝阳市政务公开领导小组');
  const progress = await planProgress(t.db, plan.id, '2026-01-01');
  assert.equal(progress.length, 24);
  assert.deepEqual(progress.flatMap((p) => p.task.unresolved), []);
  const leads = (no: number) => progress[no - 1].leads.map((l) => l.unit_slug).sort();
  assert.deepEqual(leads(2), ['bianban', 'szfb']);
  assert.deepEqual(leads(5), ['sfj', 'szfb']);
  assert.deepEqual(leads(8), ['scjgj', 'yshj']);
  assert.deepEqual(leads(11), ['szfb', 'wjw']);
  assert.deepEqual(leads(12), ['yjj']);
  assert.deepEqual(leads(10), []);
  const t6 = progress[5];
  assert.equal(t6.summary.done, t6.summary.units);
  assert.deepEqual(t6.summary.flags, []);
  const t4 = progress[3];
  assert.deepEqual(t4.units.filter((u) => u.flags.includes('overdue')).map((u) => u.unit_slug).sort(), ['kazuo', 'lingyuan']);
  assert.ok(progress[0].units.some((u) => u.latest?.evidence.some((e) => !e.verified)), 'an external link, unverified');
  assert.ok(progress[11].summary.flags.includes('no_evidence'));
  assert.ok(progress[22].summary.flags.includes('unreported') && !progress[22].summary.flags.includes('overdue'), '长期坚持: never overdue');
});
