/**
 * 条例 第三十五条 on a real database, through the same commands as every step: asking for reasons (the
 * clock keeps running, a 说明理由告知书 drafted), a reasonable later due date (only later than the
 * current one, approved like an extension, a 延迟答复告知书 citing Art. 35, the stored due date and the
 * overdue list follow it, the reminder job keeps it), and 不予处理 after unreasonable reasons (3.3.5.4).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { testConfig } from '../../../test/helpers/app.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { docToText, type DocModel } from '../../core/docs/index.ts';
import type { Config } from '../../config/env.ts';
import type { JobLogger } from '../../core/jobs/index.ts';
import type { CaseEventInput } from './domain/index.ts';
import { applyStep, draftReply, signReply } from './commands.ts';
import { registerByStaff } from './intake-commands.ts';
import { caseById, caseRecordsForReport, eventsOf, lettersOf, listCases } from './store/repository.ts';
import { issueLetter, issueNoticesBeforeAnswer } from './store/letters-store.ts';
import { systemContext } from '../../core/commands/context.ts';
import { parseStepForm } from './http/forms.ts';
import { runReminders } from './store/reminders.ts';
import { ctxFor, paperApplication, requestsTree } from './store/fixtures.test-helper.ts';

let d: TestDb;
let cfg: Config;
let tree: Awaited<ReturnType<typeof requestsTree>>;
let handler: CommandContext;
let reviewer: CommandContext;
const TODAY = '2024-12-31';
const quiet = { info() {}, warn() {}, error() {} } as unknown as JobLogger;

before(async () => {
  d = await testDatabase();
  cfg = testConfig();
  tree = await requestsTree(d.db);
  handler = await ctxFor(d.db, 'handler');
  reviewer = await ctxFor(d.db, 'reviewer');
});
after(async () => d.cleanup());

async function accepted(received = '2024-09-02'): Promise<number> {
  const r = await registerByStaff(d.db, cfg, handler, tree.bureau.id, paperApplication(received), { today: TODAY });
  await applyStep(d.db, handler, r.caseId, { type: 'accept', date: received }, { today: TODAY });
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

const ASK: CaseEventInput = { type: 'request_reasons', date: '2024-09-04', facts: '自2024年8月1日至9月2日，您共向本机关提出政府信息公开申请62件', replyBy: '2024-09-11' };
const LATER: CaseEventInput = { type: 'set_reasonable_period', date: '2024-09-20', dueDate: '2024-11-29', reason: '所申请的62件信息分属多个科室，需逐件检索、审查', approvedBy: '张主任' };
const text = (m: unknown) => docToText(m as DocModel).replace(/\s+/g, '');
const snapshot = async (id: number) => ({ c: await caseById(d.db, id), events: (await eventsOf(d.db, id)).length, letters: (await lettersOf(d.db, id)).length });

test('asking for reasons: the clock keeps running, the notice is drafted citing Art. 35', async () => {
  const id = await accepted();
  const before = (await caseById(d.db, id))!;
  assert.equal(before.due_on, '2024-09-30');
  await applyStep(d.db, handler, id, ASK, { today: TODAY });
  const c = (await caseById(d.db, id))!;
  assert.deepEqual([c.status, c.due_on, c.deadline_state], ['accepted', '2024-09-30', 'running'], 'no pause (Art. 35 does not stop the period)');
  const [notice] = (await lettersOf(d.db, id)).filter((l) => l.kind === 'reasons_request');
  assert.equal(notice.status, 'draft');
  const t = text(notice.model);
  assert.ok(t.includes('《中华人民共和国政府信息公开条例》第三十五条') && t.includes('62件') && t.includes('2024年9月11日前'), t);
  const number = await issueLetter(d.db, handler, notice.id, { date: '2024-09-04', render: false, today: TODAY });
  assert.match(number, /^测司公询〔2024〕\d+号$/, 'its own number sequence');
  const e = await refused(applyStep(d.db, handler, id, { ...ASK, date: '2024-09-05' }, { today: TODAY }));
  assert.deepEqual([e.status, e.code], [422, 'reasons_once']);
});

test('a later due date earlier than (or equal to) the current one → 422, nothing stored; a handler may not set one', async () => {
  const id = await accepted();
  await applyStep(d.db, handler, id, ASK, { today: TODAY });
  const before = await snapshot(id);
  for (const dueDate of ['2024-09-27', '2024-09-30']) {
    const e = await refused(applyStep(d.db, reviewer, id, { ...LATER, dueDate }, { today: TODAY }));
    assert.deepEqual([e.status, e.code], [422, 'reasonable_period_not_later'], dueDate);
    assert.match(e.msg.zh, /须晚于当前的答复期限（2024-09-30）.*第三十五条/);
  }
  const late = await refused(applyStep(d.db, reviewer, id, { ...LATER, date: '2024-10-08' }, { today: TODAY }));
  assert.deepEqual([late.status, late.code], [422, 'reasonable_period_after_due'], 'decided after the Art. 33 date ran out');
  const e = await refused(applyStep(d.db, handler, id, LATER, { today: TODAY }));
  assert.equal(e.status, 403, 'approved like an extension: reviewer or unit administrator');
  const other = await accepted();
  const noAsk = await refused(applyStep(d.db, reviewer, other, LATER, { today: TODAY }));
  assert.deepEqual([noAsk.status, noAsk.code], [422, 'no_prior_reasons_request']);
  assert.deepEqual(await snapshot(id), before);
});

test('the later due date is stored, used by the overdue list and kept by the reminder job; the 延迟答复告知书 cites Art. 35', async () => {
  const id = await accepted('2024-09-02');
  const control = await accepted('2024-09-02');
  await applyStep(d.db, handler, id, ASK, { today: TODAY });
  await applyStep(d.db, reviewer, id, LATER, { today: TODAY });
  const c = (await caseById(d.db, id))!;
  assert.deepEqual([c.status, c.due_on, c.deadline_state], ['accepted', '2024-11-29', 'running']);

  const [notice] = (await lettersOf(d.db, id)).filter((l) => l.kind === 'delay_notice');
  assert.equal(notice.title, '政府信息公开申请延迟答复告知书');
  const t = text(notice.model);
  assert.ok(t.includes('第三十五条') && t.includes('第三十三条') && t.includes('2024年11月29日前') && t.includes('申请理由合理') && t.includes('2024年9月4日要求您说明申请理由'), t);
  await assert.rejects(issueLetter(d.db, handler, notice.id, { date: '2024-09-20', render: false, today: TODAY }), (e: AppError) => e.status === 403);
  assert.match(await issueLetter(d.db, reviewer, notice.id, { date: '2024-09-20', render: false, today: TODAY }), /^测司公迟〔2024〕\d+号$/);

  const overdueOn = async (today: string) => (await listCases(d.db, { scope: ['/'], status: 'open', due: 'overdue', today, limit: 500 })).map((r) => r.id);
  let ids = await overdueOn('2024-11-15');
  assert.ok(ids.includes(control), 'the control case is overdue after 2024-09-30');
  assert.ok(!ids.includes(id), 'within the later period: not overdue');
  ids = await overdueOn('2024-12-02');
  assert.ok(ids.includes(id), 'overdue after the later date');

  await runReminders(d.db, cfg, quiet, { today: '2024-11-15' });
  assert.equal((await caseById(d.db, id))!.due_on, '2024-11-29', 'the hourly recomputation keeps the Art. 35 date');

  const ext = await refused(applyStep(d.db, reviewer, id, { type: 'extend', date: '2024-10-08', workdays: 5, reason: 'x', approvedBy: '张主任' }, { today: TODAY }));
  assert.deepEqual([ext.status, ext.code], [422, 'extension_after_reasonable_period']);
  // a reply after the Art. 33 date but within the later period is not late
  await draftReply(d.db, handler, id, { key: 'release', released: [{ description: '《检索结果清单》' }], provision: '邮寄' }, { today: TODAY });
  await issueNoticesBeforeAnswer(d.db, systemContext('test'), id, { today: TODAY });
  const signed = await signReply(d.db, reviewer, id, { date: '2024-11-28', today: TODAY, render: false });
  assert.deepEqual(signed.warnings, []);
});

test('reasons found unreasonable → 不予处理 (3.3.5.4), only after asking; the reply recites the request for reasons', async () => {
  const id = await accepted('2024-10-08');
  const dispo = { key: 'excessive_requests' as const, reason: '您所述理由与所申请信息的内容无关' };
  const e = await refused(draftReply(d.db, handler, id, dispo, { today: TODAY }));
  assert.deepEqual([e.status, e.code], [422, 'no_prior_reasons_request']);
  assert.match(e.msg.zh, /第三十五条/);
  await applyStep(d.db, handler, id, { ...ASK, date: '2024-10-09', replyBy: '2024-10-16' }, { today: TODAY });
  await draftReply(d.db, handler, id, dispo, { today: TODAY });
  await issueNoticesBeforeAnswer(d.db, systemContext('test'), id, { today: TODAY });
  await signReply(d.db, reviewer, id, { date: '2024-10-21', today: TODAY, render: false });
  const c = (await caseById(d.db, id))!;
  assert.deepEqual([c.status, c.result_row, c.concluded_on], ['answered', '3.3.5.4', '2024-10-21']);
  const reply = (await lettersOf(d.db, id)).find((l) => l.kind === 'reply.excessive_requests')!;
  assert.equal(reply.status, 'issued');
  const t = text(reply.model);
  assert.ok(t.includes('2024年10月9日要求您于2024年10月16日前说明理由') && t.includes('第三十五条') && t.includes('不予处理') && t.includes('行政复议'), t);
  const recs = await caseRecordsForReport(d.db, [tree.bureau.id], 2024);
  assert.equal(recs.find((r) => r.id === String(id))?.result, '3.3.5.4');
});

test('the staff form fields become the Art. 35 steps', () => {
  assert.deepEqual(parseStepForm({ type: 'request_reasons', date: '2024-09-04', facts: ' 62件 ', reply_by: '2024-09-11' })?.input, { type: 'request_reasons', date: '2024-09-04', facts: '62件', replyBy: '2024-09-11' });
  assert.deepEqual(parseStepForm({ type: 'set_reasonable_period', due_date: '2024-11-29', reason: '逐件审查', approved_by: '张主任' })?.input, { type: 'set_reasonable_period', dueDate: '2024-11-29', reason: '逐件审查', approvedBy: '张主任' });
});
