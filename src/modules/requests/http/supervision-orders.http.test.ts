/**
 * #14.9: a supervisor can 督办 a case (a dated instruction to the handler and the unit administrator,
 * listed until the case is answered); replies awaiting signature appear on the signer's dashboard; each
 * role's dashboard leads with its own queue (my drafts, awaiting my signature, 督办).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../../../../test/helpers/app.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { registerByStaff } from '../intake-commands.ts';
import { draftReply, signReply } from '../commands.ts';
import { issueNoticesBeforeAnswer } from '../store/letters-store.ts';
import { ctxFor, paperApplication, requestsTree } from '../store/fixtures.test-helper.ts';
import { loggedApp, type LoggedApp } from './http.test-helper.ts';

let t: LoggedApp;
let handler: Client;
let reviewer: Client;
let supervisor: Client;
let caseId: number;
let ref: string;
const today = shanghaiDate();
const INSTRUCTION = '群众反映答复迟缓，请抓紧办理并按期答复';

before(async () => {
  t = await loggedApp();
  const tree = await requestsTree(t.db.db);
  const r = await registerByStaff(t.db.db, t.cfg, await ctxFor(t.db.db, 'handler'), tree.bureau.id, paperApplication(today, { info_title: '督办测试：供水管网改造资金' }), { today });
  caseId = r.caseId;
  ref = r.trackingNo;
  handler = new Client(t.app);
  await handler.login('handler', PASSWORD);
  reviewer = new Client(t.app);
  await reviewer.login('reviewer', PASSWORD);
  supervisor = new Client(t.app);
  await supervisor.login('supervisor', PASSWORD);
});
after(async () => t.close());

const dashboard = async (c: Client) => {
  const r = await c.get('/admin');
  assert.equal(r.statusCode, 200);
  const i = r.body.indexOf('id="h-my-queue"');
  assert.ok(i > 0, 'the dashboard leads with the queue');
  return r.body.slice(i);
};

test('the handler\'s queue lists the unissued receipt ("my drafts"); the supervisor\'s own queue is there, empty', async () => {
  const h = await dashboard(handler);
  assert.match(h, /我的文书草稿/);
  assert.match(h, new RegExp(`/admin/requests/${caseId}/letters/\\d+`));
  const s = await dashboard(supervisor);
  assert.match(s, /我督办的申请/);
});

test('督办: only a supervisor may give it; the handler and unit admin see it until the case is answered', async () => {
  const page = await supervisor.get(`/admin/requests/${caseId}`);
  assert.match(page.body, /督办本申请/);
  assert.ok(!(await handler.get(`/admin/requests/${caseId}`)).body.includes('督办本申请'), 'no form for the handler');
  const refused = await handler.submit(`/admin/requests/${caseId}`, `/admin/requests/${caseId}/supervise`, { instruction: '自己督办自己' });
  assert.equal(refused.statusCode, 403);
  const empty = await supervisor.submit(`/admin/requests/${caseId}`, `/admin/requests/${caseId}/supervise`, { instruction: '  ' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /请填写督办意见/);

  const ok = await supervisor.submit(`/admin/requests/${caseId}`, `/admin/requests/${caseId}/supervise`, { instruction: INSTRUCTION, reply_by: '2099-01-05' });
  assert.equal(ok.statusCode, 303);
  const orders = await t.db.db.selectFrom('request_supervision_orders').selectAll().where('case_id', '=', caseId).execute();
  assert.equal(orders.length, 1);
  assert.deepEqual([orders[0].issued_on, orders[0].reply_by, orders[0].instruction], [today, '2099-01-05', INSTRUCTION]);

  const h = await dashboard(handler);
  assert.match(h, /督办事项/);
  assert.ok(h.includes(INSTRUCTION.slice(0, 20)), 'the instruction on the handler\'s dashboard');
  assert.ok((await dashboard(supervisor)).includes(INSTRUCTION.slice(0, 20)), 'and on the supervisor\'s');
  assert.ok((await handler.get(`/admin/requests/${caseId}`)).body.includes(INSTRUCTION), 'and on the case page');
  const notes = await t.db.db.selectFrom('request_notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['u.username', 'n.kind']).where('n.case_id', '=', caseId).where('n.kind', '=', 'supervised').execute();
  assert.deepEqual(notes.map((n) => n.username).sort(), ['handler'], 'the handler is notified (the bureau has no unit administrator in the fixture)');
  const audit = await t.db.db.selectFrom('audit_log').select('action').where('action', '=', 'request.supervise').execute();
  assert.equal(audit.length, 1);
});

test('a drafted reply waits on the reviewer\'s dashboard; once answered, the 督办 leaves every queue and cannot be given again', async () => {
  const h = await ctxFor(t.db.db, 'handler');
  await draftReply(t.db.db, h, caseId, { key: 'not_held' }, { today });
  const r = await dashboard(reviewer);
  assert.match(r, /待我审核签发的答复/);
  assert.ok(r.includes(ref), 'the case awaiting signature, with its number');

  await issueNoticesBeforeAnswer(t.db.db, h, caseId, { today });
  await signReply(t.db.db, await ctxFor(t.db.db, 'reviewer'), caseId, { date: today, today, render: false });
  assert.ok(!(await dashboard(reviewer)).includes(ref), 'signed: off the reviewer\'s queue');
  assert.ok(!(await dashboard(handler)).includes(INSTRUCTION.slice(0, 20)), 'answered: off the handler\'s queue');
  assert.ok(!(await dashboard(supervisor)).includes(INSTRUCTION.slice(0, 20)));
  const again = await supervisor.submit(`/admin/requests/${caseId}`, `/admin/requests/${caseId}/supervise`, { instruction: INSTRUCTION });
  assert.equal(again.statusCode, 409, 'no order on an answered case');
  assert.equal((await t.db.db.selectFrom('request_supervision_orders').select('id').where('case_id', '=', caseId).execute()).length, 1);
});
