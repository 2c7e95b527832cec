/**
 * The case workflow through the commands, on a real database: which roles may take which steps
 * (policy + domain TRANSITIONS), which steps the state forbids, events and audit written in the same
 * transaction, the due date recomputed on each event, transfers, and the report's case records.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { testConfig } from '../../../test/helpers/app.ts';
import { systemContext, type CommandContext } from '../../core/commands/context.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Config } from '../../config/env.ts';
import type { CaseEventInput, Disposition } from './domain/index.ts';
import { applyStep, assignHandler, draftReply, recordDelivery, signReply } from './commands.ts';
import { issueNoticesBeforeAnswer } from './store/letters-store.ts';
import { registerByStaff } from './intake-commands.ts';
import { caseById, caseRecordsForReport, eventsOf, lettersOf } from './store/repository.ts';
import { recordAppeal } from './store/supervision.ts';
import { ctxFor, paperApplication, requestsTree } from './store/fixtures.test-helper.ts';

let d: TestDb;
let cfg: Config;
let tree: Awaited<ReturnType<typeof requestsTree>>;
const ctx: Record<string, CommandContext> = {};
const sys = systemContext('test');
const TODAY = '2024-12-31';

before(async () => {
  d = await testDatabase();
  cfg = testConfig();
  tree = await requestsTree(d.db);
  for (const u of ['handler', 'reviewer', 'supervisor', 'editor', 'countyadmin', 'sysadmin']) ctx[u] = await ctxFor(d.db, u);
});
after(async () => d.cleanup());

/** A bureau case handed in on `received`, registered by the handler, optionally accepted. */
async function newCase(received = '2024-09-02', accept = true): Promise<number> {
  const r = await registerByStaff(d.db, cfg, ctx.handler, tree.bureau.id, paperApplication(received), { today: TODAY });
  if (accept) await applyStep(d.db, ctx.handler, r.caseId, { type: 'accept', date: received }, { today: TODAY });
  return r.caseId;
}

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  assert.fail('expected the step to be refused');
}

const RELEASE: Disposition = { key: 'release', released: [{ description: '《项目资金使用情况表》' }], provision: '电子邮件发送' };
const PARTIAL: Disposition = {
  key: 'partial', released: [{ description: '招标公告' }], provision: '电子邮件发送',
  withheld: [{ description: '投标报价明细', ground: 'refuse_third_party', reason: '第三方不同意公开且理由合理' }],
};

test('registration: the Art. 31 receipt date, the Art. 33 due date (20 working days, national holidays) and the register event', async () => {
  const id = await newCase('2024-09-27', false);
  const c = (await caseById(d.db, id))!;
  assert.equal(c.status, 'registered');
  assert.equal(c.received_on, '2024-09-27');
  assert.equal(c.due_on, '2024-10-30'); // 国庆节 2024-10-01..07 off, 09-29 and 10-12 worked
  assert.equal(c.handler_id, ctx.handler.actor!.userId, 'the registering handler handles the case');
  const events = await eventsOf(d.db, id);
  assert.deepEqual(events.map((e) => [e.type, e.date, e.to]), [['register', '2024-09-27', 'registered']]);
  const receipt = (await lettersOf(d.db, id)).find((l) => l.kind === 'receipt');
  assert.equal(receipt?.status, 'draft');
});

// Who may take each step (policy rules from the domain TRANSITIONS); countyadmin is a unit admin of
// another subtree, so out of scope for a bureau case.
const ROLE_TABLE: [string, CaseEventInput | 'sign', Record<string, boolean>][] = [
  ['accept', { type: 'accept', date: '2024-09-02' }, { handler: true, sysadmin: true, reviewer: false, supervisor: false, editor: false, countyadmin: false }],
  ['request_correction', { type: 'request_correction', date: '2024-09-03', items: ['写明文号'], correctBy: '2024-09-13' }, { handler: true, reviewer: false, supervisor: false, sysadmin: false }],
  ['extend (条例第三十三条第二款: approved by the head)', { type: 'extend', date: '2024-09-10', workdays: 10, reason: '需协调', approvedBy: '张主任' }, { reviewer: true, handler: false, supervisor: false, editor: false }],
  ['start_consultation', { type: 'start_consultation', date: '2024-09-04', parties: [{ kind: 'third_party', name: '某公司' }] }, { handler: true, reviewer: false, supervisor: false }],
  ['sign the reply (answer)', 'sign', { reviewer: true, handler: false, supervisor: false, sysadmin: false }],
  ['withdraw', { type: 'withdraw', date: '2024-09-05' }, { handler: true, reviewer: false, supervisor: false }],
];

for (const [name, input, who] of ROLE_TABLE) {
  test(`roles — ${name}`, async () => {
    for (const [user, allowed] of Object.entries(who)) {
      const id = await newCase('2024-09-02', input === 'sign' || (input as CaseEventInput).type !== 'accept');
      if (input === 'sign') {
        await draftReply(d.db, ctx.handler, id, RELEASE, { today: '2024-09-20' });
        await issueNoticesBeforeAnswer(d.db, systemContext('test'), id, { today: TODAY });
      }
      const run = () => (input === 'sign' ? signReply(d.db, ctx[user], id, { date: '2024-09-20', today: TODAY, render: false }) : applyStep(d.db, ctx[user], id, input, { today: TODAY }));
      const n = (await eventsOf(d.db, id)).length;
      if (allowed) {
        await run();
        assert.equal((await eventsOf(d.db, id)).length, n + 1, `${user} recorded the step`);
      } else {
        const e = await refused(run());
        assert.equal(e.status, 403, `${user}: ${e.status} ${e.code}`);
        assert.equal((await eventsOf(d.db, id)).length, n, `${user} recorded nothing`);
      }
    }
  });
}

// Steps the state (or the step's own rule) forbids, whoever asks: 422 with the domain's code and article.
const STATE_TABLE: [string, (id: number) => Promise<unknown>, string][] = [
  ['deliver before a reply', (id) => applyStep(d.db, ctx.handler, id, { type: 'deliver', date: '2024-09-05', method: 'post' }, { today: TODAY }), 'invalid_transition'],
  ['extend twice', async (id) => {
    await applyStep(d.db, ctx.reviewer, id, { type: 'extend', date: '2024-09-10', workdays: 5, reason: '协调', approvedBy: '张主任' }, { today: TODAY });
    return applyStep(d.db, ctx.reviewer, id, { type: 'extend', date: '2024-09-11', workdays: 5, reason: '协调', approvedBy: '张主任' }, { today: TODAY });
  }, 'extension_once'],
  ['extend by 21 working days', (id) => applyStep(d.db, ctx.reviewer, id, { type: 'extend', date: '2024-09-10', workdays: 21, reason: '协调', approvedBy: '张主任' }, { today: TODAY }), 'extension_too_long'],
  ['extend after the due date', (id) => applyStep(d.db, ctx.reviewer, id, { type: 'extend', date: '2024-10-31', workdays: 5, reason: '协调', approvedBy: '张主任' }, { today: TODAY }), 'extension_after_due'],
  ['correction notice after 7 working days', (id) => applyStep(d.db, ctx.handler, id, { type: 'request_correction', date: '2024-09-20', items: ['写明文号'], correctBy: '2024-09-30' }, { today: TODAY }), 'correction_notice_late'],
  ['abandon before the correction deadline', async (id) => {
    await applyStep(d.db, ctx.handler, id, { type: 'request_correction', date: '2024-09-03', items: ['写明文号'], correctBy: '2024-09-13' }, { today: TODAY });
    return applyStep(d.db, ctx.handler, id, { type: 'abandon', date: '2024-09-10' }, { today: TODAY });
  }, 'correction_period_running'],
  ['a step dated in the future', (id) => applyStep(d.db, ctx.handler, id, { type: 'start_consultation', date: '2025-01-05', parties: [{ kind: 'third_party', name: '某公司' }] }, { today: TODAY }), 'future_date'],
  ['close an open case', (id) => applyStep(d.db, ctx.handler, id, { type: 'close', date: '2024-09-05' }, { today: TODAY }), 'invalid_transition'],
  ['a refusal without its reason', (id) => draftReply(d.db, ctx.handler, id, { key: 'refuse_process_info' }, { today: TODAY }), 'disposition_incomplete'],
  ['a partial release with a withheld part on no legal ground', (id) => draftReply(d.db, ctx.handler, id, { ...PARTIAL, withheld: [{ description: 'x', ground: 'because' as never, reason: 'y' }] }, { today: TODAY }), 'bad_withheld_ground'],
];

for (const [name, fn, code] of STATE_TABLE) {
  test(`forbidden — ${name}`, async () => {
    const id = await newCase();
    const e = await refused(fn(id));
    assert.equal(e.status, 422);
    assert.equal(e.code, code);
    assert.match(e.msg.zh, /./);
  });
}

test('each event is stored and audited in the same transaction; a refused step leaves neither', async () => {
  const id = await newCase();
  const audits = () => d.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'request_case').where('subject_id', '=', String(id)).execute();
  const before = (await audits()).length;
  await applyStep(d.db, ctx.handler, id, { type: 'start_consultation', date: '2024-09-04', parties: [{ kind: 'third_party', name: '某公司' }] }, { today: TODAY });
  const after1 = await audits();
  assert.equal(after1.length, before + 1);
  assert.equal(after1.at(-1)!.action, 'request.start_consultation');
  const n = (await eventsOf(d.db, id)).length;
  await refused(applyStep(d.db, ctx.handler, id, { type: 'end_consultation', date: '2024-09-05', outcome: 'no_reply' }, { today: TODAY }));
  assert.equal((await eventsOf(d.db, id)).length, n, 'no event for a refused step');
  assert.equal((await audits()).length, before + 1, 'no audit entry for a refused step');
  const row = await d.db.selectFrom('request_events').select(['actor_name', 'actor_id', 'from_status', 'to_status', 'type']).where('case_id', '=', id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual(row, { actor_name: 'handler', actor_id: ctx.handler.actor!.userId, from_status: 'accepted', to_status: 'consultation', type: 'start_consultation' });
});

test('the due date is recomputed on each event: a consultation pauses it (Art. 33 ¶3), an extension adds to it (Art. 33 ¶2)', async () => {
  const id = await newCase('2024-09-02');
  assert.equal((await caseById(d.db, id))!.due_on, '2024-09-30'); // 中秋 09-16/17 off, Saturday 09-14 worked
  await applyStep(d.db, ctx.handler, id, { type: 'start_consultation', date: '2024-09-04', parties: [{ kind: 'third_party', name: '某公司' }] }, { today: TODAY });
  let c = (await caseById(d.db, id))!;
  assert.deepEqual([c.due_on, c.deadline_state, c.paused_since], [null, 'paused', '2024-09-04']);
  await applyStep(d.db, ctx.handler, id, { type: 'end_consultation', date: '2024-09-11', outcome: 'consented' }, { today: TODAY });
  c = (await caseById(d.db, id))!;
  assert.equal(c.deadline_state, 'running');
  assert.equal(c.due_on, '2024-10-12'); // + the 5 working days 09-05..09-11, across 国庆 (10-01..07 off, Saturday 10-12 worked)
  await applyStep(d.db, ctx.reviewer, id, { type: 'extend', date: '2024-10-10', workdays: 3, reason: '需协调', approvedBy: '张主任' }, { today: TODAY });
  assert.equal((await caseById(d.db, id))!.due_on, '2024-10-16'); // Sat 10-12 + Mon..Wed
  const notice = (await lettersOf(d.db, id)).find((l) => l.kind === 'extension_notice');
  assert.ok(notice, 'an extension notice is drafted');
});

test('a partial release counts as 3.3.2; the reply is issued with its number when signed; delivery closes the loop', async () => {
  const id = await newCase('2024-09-02');
  await draftReply(d.db, ctx.handler, id, PARTIAL, { today: '2024-09-20' });
  assert.equal((await caseById(d.db, id))!.status, 'accepted', 'a draft does not answer');
  await issueNoticesBeforeAnswer(d.db, systemContext('test'), id, { today: TODAY });
  await signReply(d.db, ctx.reviewer, id, { date: '2024-09-20', today: TODAY, render: false });
  const c = (await caseById(d.db, id))!;
  assert.deepEqual([c.status, c.result_row, c.concluded_on], ['answered', '3.3.2', '2024-09-20']);
  const reply = (await lettersOf(d.db, id)).find((l) => l.kind === 'reply.partial')!;
  assert.equal(reply.status, 'issued');
  assert.match(reply.number!, /^测司公复〔2024〕\d+号$/);
  await recordDelivery(d.db, ctx.handler, reply.id, { method: 'email', date: '2024-09-23' }, { today: TODAY });
  assert.equal((await caseById(d.db, id))!.status, 'delivered');
  const l = (await lettersOf(d.db, id)).find((x) => x.id === reply.id)!;
  assert.deepEqual([l.delivery_method, l.delivered_on], ['email', '2024-09-23']);
});

test('transfer to another unit of the cluster: the receiving unit gets an intake record; only it counts the case', async () => {
  const id = await newCase('2024-09-02', false);
  const e = await refused(applyStep(d.db, ctx.handler, id, { type: 'transfer', date: '2024-09-03', toUnitId: String(tree.other.id), reason: '由卫健委制作' }, { today: TODAY }));
  assert.equal(e.status, 403, 'a case handler cannot transfer');
  await applyStep(d.db, ctx.sysadmin, id, { type: 'transfer', date: '2024-09-03', toUnitId: String(tree.other.id), reason: '由卫健委制作' }, { today: TODAY });
  const src = (await caseById(d.db, id))!;
  assert.equal(src.status, 'transferred');
  const dst = (await caseById(d.db, src.transferred_to!))!;
  assert.deepEqual([dst.unit_id, dst.status, dst.transferred_from, dst.applicant_name], [tree.other.id, 'submitted', id, '王小明']);
  assert.equal(dst.query_code_hash, src.query_code_hash, 'the applicant keeps the same query code');
  const recs = await caseRecordsForReport(d.db, [tree.bureau.id, tree.other.id], 2024);
  assert.ok(!recs.some((r) => r.id === String(id)), 'the transferred case does not count at the source');
  assert.ok(!recs.some((r) => r.id === String(dst.id)), 'nor at the target until it is registered there');
});

test('assignment: only a handler of the unit; caseRecordsForReport has appeals and results for the report', async () => {
  const id = await newCase('2024-03-04');
  await assert.rejects(assignHandler(d.db, ctx.handler, id, ctx.supervisor.actor!.userId), (e: AppError) => e.code === 'bad_handler');
  await assignHandler(d.db, ctx.handler, id, ctx.handler.actor!.userId);
  await draftReply(d.db, ctx.handler, id, { key: 'refuse_process_info', reason: '会议讨论记录' }, { today: '2024-03-20' });
  await issueNoticesBeforeAnswer(d.db, systemContext('test'), id, { today: TODAY });
  await signReply(d.db, ctx.reviewer, id, { date: '2024-03-20', today: TODAY, render: false });
  await recordAppeal(d.db, ctx.handler, id, { kind: 'review', outcome: 'upheld', filed_on: '2024-04-10', decided_on: '2024-06-01' }, { today: TODAY });
  await assert.rejects(recordAppeal(d.db, ctx.handler, id, { kind: 'review', outcome: 'upheld' }, { today: TODAY }), (e: AppError) => !!e.fields?.decided_on);
  await assert.rejects(recordAppeal(d.db, ctx.supervisor, id, { kind: 'review', outcome: 'pending' }, { today: TODAY }), (e: AppError) => e.status === 403);
  const recs = await caseRecordsForReport(d.db, [tree.bureau.id], 2024);
  const r = recs.find((x) => x.id === String(id))!;
  assert.deepEqual(r, {
    id: String(id), unit: tree.bureau.code, ref: (await caseById(d.db, id))!.ref, applicantCategory: 'natural', received: '2024-03-04', concluded: '2024-03-20', result: '3.3.3.6',
    appeals: [{ kind: 'review', outcome: 'upheld', filed: '2024-04-10', decided: '2024-06-01' }],
  });
  // concluded in 2024, so not a 2025 case — but its appeal keeps it in the 2025 set for table 4
  assert.ok((await caseRecordsForReport(d.db, [tree.bureau.id], 2025)).some((x) => x.id === String(id)));
  assert.ok(!(await caseRecordsForReport(d.db, [tree.bureau.id], 2023)).some((x) => x.id === String(id)));
  void sys;
});
