/**
 * Stored answer deadlines (#15 item 3): a case's due date is stored with each event and recomputed
 * when the holiday calendar is corrected, in the calendar command's transaction (store/due-dates.ts);
 * what is stored always equals the pure computation over the case's events (deadline.ts caseDeadline).
 * Also: the partial indexes of migration 1071 cover exactly the statuses the list and the counts read.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { systemContext, type CommandContext } from '../../../core/commands/context.ts';
import { calendarFor, countyOfUnitCode } from '../../../core/calendar/store.ts';
import type { Config } from '../../../config/env.ts';
import { addOverride, removeOverride } from '../../calendar/commands/calendar.ts';
import { applyStep } from '../commands.ts';
import { registerByStaff } from '../intake-commands.ts';
import { caseById, COUNTED_STATUSES, eventsOf, OPEN_DB_STATUSES } from './repository.ts';
import { caseDeadlineOrNull, deadlineColumns } from './deadline.ts';
import { refreshCaseDeadlines } from './due-dates.ts';
import { ctxFor, paperApplication, requestsTree } from './fixtures.test-helper.ts';

let d: TestDb;
let cfg: Config;
let tree: Awaited<ReturnType<typeof requestsTree>>;
let handler: CommandContext;
let reviewer: CommandContext;
const sys = systemContext('test');
const TODAY = '2031-09-30';

before(async () => {
  d = await testDatabase();
  cfg = testConfig();
  tree = await requestsTree(d.db);
  handler = await ctxFor(d.db, 'handler');
  reviewer = await ctxFor(d.db, 'reviewer');
});
after(async () => d.cleanup());

async function newCase(received: string, accept = true): Promise<number> {
  const r = await registerByStaff(d.db, cfg, handler, tree.bureau.id, paperApplication(received), { today: TODAY });
  if (accept) await applyStep(d.db, handler, r.caseId, { type: 'accept', date: received }, { today: TODAY });
  return r.caseId;
}

/** The deadline columns computed from scratch: the case's events and today's calendar. */
async function computed(id: number, today = TODAY) {
  const c = (await caseById(d.db, id))!;
  const unit = await d.db.selectFrom('units').select('code').where('id', '=', c.unit_id).executeTakeFirstOrThrow();
  return deadlineColumns(caseDeadlineOrNull(await eventsOf(d.db, id), await calendarFor(d.db, countyOfUnitCode(unit.code)), today));
}

async function stored(id: number) {
  const c = (await caseById(d.db, id))!;
  return { due_on: c.due_on, deadline_state: c.deadline_state, paused_since: c.paused_since, remaining_workdays: c.remaining_workdays };
}

test('the stored deadline equals the pure computation after each event (running, paused for correction, extended)', async () => {
  const running = await newCase('2031-06-02');
  const paused = await newCase('2031-06-03');
  await applyStep(d.db, handler, paused, { type: 'request_correction', date: '2031-06-05', items: ['所需信息的名称'], correctBy: '2031-06-19' }, { today: TODAY });
  const extended = await newCase('2031-06-04');
  await applyStep(d.db, reviewer, extended, { type: 'extend', date: '2031-06-20', workdays: 20, reason: '需要调取档案', approvedBy: '单位负责人' }, { today: TODAY });
  for (const id of [running, paused, extended]) assert.deepEqual(await stored(id), await computed(id), `case ${id}`);
  assert.equal((await stored(paused)).deadline_state, 'awaiting_correction');
  assert.ok((await stored(extended)).due_on! > (await stored(running)).due_on!, 'the extension moved the due date');
  // the bulk recomputation agrees: nothing to change as of the same day
  assert.equal(await refreshCaseDeadlines(d.db, 'open', { today: TODAY }), 0);
});

test('correcting the holiday calendar moves the stored due dates of open cases in the same transaction, and back', async () => {
  const id = await newCase('2031-07-01');
  const cal = await calendarFor(d.db);
  const before = (await stored(id)).due_on!;
  assert.equal(before, (await computed(id)).due_on);
  // a working day inside the 20-working-day period declared a holiday: the answer is due one working day later
  const off = cal.addWorkdays('2031-07-01', 3);
  const row = await addOverride(d.db, sys, { date: off, is_workday: false, scope: 'national', source: '测试通知〔2031〕2号', name: '测试假日' });
  const moved = (await stored(id)).due_on!;
  assert.ok(moved > before, `${moved} after ${before}`);
  assert.equal(moved, (await calendarFor(d.db)).addWorkdays(before, 1));
  assert.equal(moved, (await computed(id)).due_on, 'stored = computed with the corrected calendar');
  await removeOverride(d.db, sys, row.id);
  assert.equal((await stored(id)).due_on, before, 'removing the entry moves it back');
});

test('a closed case keeps its stored values when the calendar changes (only open cases are recomputed)', async () => {
  const id = await newCase('2031-08-01');
  await d.db.updateTable('request_cases').set({ status: 'closed', due_on: '2031-08-29' }).where('id', '=', id).execute();
  const row = await addOverride(d.db, sys, { date: '2031-08-05', is_workday: false, scope: 'national', source: '测试通知〔2031〕3号' });
  assert.equal((await stored(id)).due_on, '2031-08-29');
  await removeOverride(d.db, sys, row.id);
});

test('migration 1071: the partial indexes cover exactly the statuses the list and the counts read', async () => {
  const defs = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where indexname in ('request_cases_open_due_idx', 'request_cases_open_unit_idx')`.execute(d.db);
  const statuses = (name: string) => [...defs.rows.find((r) => r.indexname === name)!.indexdef.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(statuses('request_cases_open_due_idx'), [...OPEN_DB_STATUSES].sort());
  assert.deepEqual(statuses('request_cases_open_unit_idx'), [...COUNTED_STATUSES].sort());
});
