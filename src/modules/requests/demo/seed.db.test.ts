/** The demo cases: every result row, open cases in each phase (one overdue), appeals, fictional people. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createUnit } from '../../units/commands.ts';
import { DEMO_UNITS, demoUnitFields } from '../../units/demo.ts';
import { REPORT_ROWS, validateIdNumber } from '../domain/index.ts';
import { decryptPii } from '../../../core/pii/crypto.ts';
import { seedRequests } from './seed.ts';

let d: TestDb;
const cfg = testConfig();
const TODAY = '2025-11-20';
let made = 0;
const problems: string[] = [];

before(async () => {
  d = await testDatabase();
  const ctx = systemContext('seed');
  const codes: Record<string, string> = {};
  for (const [i, u] of DEMO_UNITS.entries()) {
    const f = demoUnitFields(u, i);
    await createUnit(d.db, ctx, { ...f, parent_code: u.parent ? codes[u.parent] : null });
    codes[u.key] = f.code;
  }
  made = await seedRequests(d.db, ctx, cfg, (s) => problems.push(s), TODAY);
});
after(async () => d.cleanup());

test('a few dozen cases, all created through the commands without a failure', async () => {
  assert.deepEqual(problems.filter((p) => p.includes('failed')), []);
  assert.ok(made >= 30, `made ${made}`);
  const n = await d.db.selectFrom('request_cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.ok(Number(n.n) >= 30);
});

test('every result row 3.3.1 … 3.3.6.3 is there, concluded in 2024 or 2025, with its letters issued', async () => {
  const rows = await d.db.selectFrom('request_cases').select(['result_row', 'concluded_on']).where('result_row', 'is not', null).execute();
  for (const r of REPORT_ROWS) assert.ok(rows.some((x) => x.result_row === r.code), r.code);
  assert.ok(rows.every((x) => /^202[45]-/.test(x.concluded_on!)));
  const unissuedReplies = await d.db.selectFrom('request_letters').select('id').where('kind', 'like', 'reply.%').where('status', '=', 'draft').where('kind', 'not in', ['reply.fee_unpaid', 'reply.withdrawn']).execute();
  assert.deepEqual(unissuedReplies, []);
});

test('open cases in each phase relative to today: one overdue, one due soon, paused ones, intake records, an appeal', async () => {
  const open = await d.db.selectFrom('request_cases').select(['status', 'due_on', 'deadline_state']).execute();
  const st = (s: string) => open.filter((x) => x.status === s).length;
  assert.ok(open.some((x) => x.status === 'accepted' && x.due_on! < TODAY), 'an overdue case');
  assert.ok(open.some((x) => x.status === 'accepted' && x.due_on! >= TODAY), 'a running case');
  for (const s of ['submitted', 'registered', 'consultation', 'correction_requested', 'fee_notice_sent', 'answered', 'transferred']) assert.ok(st(s) >= 1, s);
  const appeals = await d.db.selectFrom('request_appeals').select(['kind', 'outcome']).execute();
  assert.deepEqual(appeals.map((a) => `${a.kind}:${a.outcome}`).sort(), ['litigation_after_review:pending', 'review:upheld']);
  const orders = await d.db.selectFrom('request_supervision_orders').select('instruction').execute();
  assert.deepEqual(orders.map((o) => o.instruction.startsWith('（演示）')), [true], 'one demo 督办, marked as demo');
});

test('the people are fictional: identity numbers valid but born in 1900, phones in the 5550 block', async () => {
  const rows = await d.db.selectFrom('request_cases').select(['id_number_enc', 'phone_enc']).where('id_number_enc', 'is not', null).execute();
  assert.ok(rows.length >= 30);
  for (const r of rows) {
    const id = decryptPii(cfg.piiKeys, 'id_number', r.id_number_enc!);
    const v = validateIdNumber(id);
    assert.ok(v.ok && v.value.birthDate.startsWith('1900-'), id);
    assert.match(decryptPii(cfg.piiKeys, 'phone', r.phone_enc!), /^1\d\d5550\d{4}$/);
  }
});
