/**
 * The applicant withdraws on the status page (撤回申请): shown only while the organ has not decided;
 * the query code typed again, CSRF and the confirmation required; on success the domain's withdraw
 * step with the applicant as the actor (event, 3.3.6.3, the 告知书 drafted, audit), the handler
 * notified; a second try, a decided case, a wrong code or a missing token change nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../../../../test/helpers/app.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import type { CaseEvent } from '../domain/index.ts';
import { applyStep, draftReply, signReply } from '../commands.ts';
import { issueNoticesBeforeAnswer } from '../store/letters-store.ts';
import { confirmSubmission } from '../intake-commands.ts';
import { caseRecordsForReport } from '../store/repository.ts';
import { computeReport } from '../../reports/domain/compute.ts';
import { application, ctxFor, PHONE, requestsTree } from '../store/fixtures.test-helper.ts';
import { codesFrom, fileApplication, loggedApp, type LoggedApp } from './http.test-helper.ts';

let t: LoggedApp;
let ipN = 0;
const citizen = () => new Client(t.app, `10.3.0.${++ipN}`);
const TODAY = shanghaiDate();

before(async () => {
  t = await loggedApp();
  await requestsTree(t.db.db);
});
after(async () => t.close());

interface Filed {
  id: number;
  trackingNo: string;
  queryCode: string;
}

/** An online application; confirmed (registered) and accepted by the handler unless `stage` says otherwise. */
async function filed(name: string, stage: 'submitted' | 'accepted' | 'answered' = 'accepted'): Promise<Filed> {
  const r = await fileApplication(citizen(), 'bureau', application({ name }));
  assert.equal(r.statusCode, 201);
  const { trackingNo, queryCode } = codesFrom(r.body);
  const { id } = await t.db.db.selectFrom('request_cases').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
  if (stage !== 'submitted') {
    const handler = await ctxFor(t.db.db, 'handler');
    await confirmSubmission(t.db.db, handler, id, { date: TODAY });
    await applyStep(t.db.db, handler, id, { type: 'accept', date: TODAY });
    if (stage === 'answered') {
      await draftReply(t.db.db, handler, id, { key: 'not_held' });
      await issueNoticesBeforeAnswer(t.db.db, handler, id);
      await signReply(t.db.db, await ctxFor(t.db.db, 'reviewer'), id, { date: TODAY });
    }
  }
  return { id, trackingNo, queryCode };
}

/** The applicant's status page (looked up with the tracking number and query code). */
async function statusPage(c: Client, f: Filed) {
  const csrf = await c.csrf('/ysqgk/status');
  return c.post('/ysqgk/status', { _csrf: csrf, tracking: f.trackingNo, code: f.queryCode });
}

/** Posts the withdrawal form from the status page, as a browser does (its CSRF token, hidden tracking number). */
async function withdraw(c: Client, f: Filed, form: Record<string, string>) {
  const page = await statusPage(c, f);
  const csrf = /action="\/ysqgk\/withdraw"[^]*?name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf, 'the status page has the withdrawal form');
  return c.post('/ysqgk/withdraw', { _csrf: csrf, tracking: f.trackingNo, ...form });
}

/** What must not change when a withdrawal is refused. */
async function snapshot(id: number) {
  const c = await t.db.db.selectFrom('request_cases').select(['status', 'result_row', 'concluded_on', 'due_on', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const count = async (table: 'request_events' | 'request_letters' | 'request_notifications') =>
    Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', id).executeTakeFirstOrThrow()).n);
  const audit = Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('subject_type', '=', 'request_case').where('subject_id', '=', String(id)).executeTakeFirstOrThrow()).n);
  return { ...c, events: await count('request_events'), letters: await count('request_letters'), notifications: await count('request_notifications'), audit };
}

test('the status page offers the withdrawal while the organ has not decided, with the consequence stated', async () => {
  const f = await filed('撤回甲');
  const page = await statusPage(citizen(), f);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h2 id="h-withdraw">撤回申请<\/h2>/);
  assert.ok(page.body.includes('撤回后本申请终止办理；如仍需获取相关政府信息，可重新提出申请。'));
  assert.match(page.body, /<form method="post" action="\/ysqgk\/withdraw"/);
  assert.match(page.body, /<input id="f-code" name="code" type="password"/, 'the query code is typed again');
  assert.match(page.body, /<input id="f-confirm" name="confirm" type="checkbox" value="yes"/);
  assert.match(page.body, /<label for="f-reason">/, 'the reason field is labelled');
  assert.match(page.body, /maxLength="500"|maxlength="500"/);

  const en = citizen();
  en.cookies.set('lang', 'en');
  assert.match((await statusPage(en, f)).body, /Once withdrawn, the application will not be handled any further/);

  const decided = await filed('撤回乙', 'answered');
  assert.ok(!(await statusPage(citizen(), decided)).body.includes('action="/ysqgk/withdraw"'), 'no withdrawal once answered');
  const unconfirmed = await filed('撤回丙', 'submitted');
  const u = await statusPage(citizen(), unconfirmed);
  assert.ok(!u.body.includes('action="/ysqgk/withdraw"'));
  assert.match(u.body, /工作人员确认登记后，如需撤回申请，可在本页面办理/);
  assert.equal((await citizen().get('/ysqgk/withdraw')).statusCode, 200, 'a stand-alone page too');
});

test('refused with nothing changed: no CSRF token, wrong query code, no confirmation, a reason too long', async () => {
  const f = await filed('撤回丁');
  const before = await snapshot(f.id);

  const noCsrf = citizen();
  await statusPage(noCsrf, f);
  const r1 = await noCsrf.post('/ysqgk/withdraw', { tracking: f.trackingNo, code: f.queryCode, confirm: 'yes' });
  assert.equal(r1.statusCode, 403, 'no CSRF token');

  const wrong = await withdraw(citizen(), f, { code: 'WRONGCODE2', confirm: 'yes' });
  assert.equal(wrong.statusCode, 404);
  assert.match(wrong.body, /查询编号或查询码不正确/);
  assert.ok(!wrong.body.includes('WRONGCODE2'), 'the code is never echoed');

  const other = await filed('撤回戊');
  const crossed = await withdraw(citizen(), f, { code: other.queryCode, confirm: 'yes' });
  assert.equal(crossed.statusCode, 404, 'another case’s query code does not open this case');

  const unconfirmed = await withdraw(citizen(), f, { code: f.queryCode, reason: '不需要了' });
  assert.equal(unconfirmed.statusCode, 422);
  assert.match(unconfirmed.body, /href="#f-confirm"/);
  assert.match(unconfirmed.body, /请确认您已知悉撤回的后果/);
  assert.ok(unconfirmed.body.includes('不需要了'), 'what was typed is kept');

  const long = await withdraw(citizen(), f, { code: f.queryCode, confirm: 'yes', reason: '字'.repeat(501) });
  assert.equal(long.statusCode, 422);
  assert.match(long.body, /href="#f-reason"/);

  assert.deepEqual(await snapshot(f.id), before);
});

test('withdrawn by the applicant: the withdraw step with the applicant as actor, 3.3.6.3, the 告知书 drafted, the handler notified', async () => {
  const f = await filed('撤回己');
  await t.db.db.updateTable('users').set({ email: 'handler@example.gov.cn' }).where('username', '=', 'handler').execute();
  const reason = `已通过其他途径获得<script>alert(1)</script>，电话${PHONE}`;
  const r = await withdraw(citizen(), f, { code: f.queryCode.toLowerCase(), confirm: 'yes', reason });
  assert.equal(r.statusCode, 200, r.body.slice(0, 500));
  assert.match(r.body, /申请已撤回/);
  assert.ok(r.body.includes(f.trackingNo));

  const c = await t.db.db.selectFrom('request_cases').selectAll().where('id', '=', f.id).executeTakeFirstOrThrow();
  assert.deepEqual([c.status, c.result_row, c.concluded_on], ['withdrawn', '3.3.6.3', TODAY]);
  assert.equal((c.disposition as { key: string }).key, 'withdrawn');

  const ev = await t.db.db.selectFrom('request_events').selectAll().where('case_id', '=', f.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
  const data = ev.data as Extract<CaseEvent, { type: 'withdraw' }>;
  assert.deepEqual([ev.type, ev.date, ev.from_status, ev.to_status, ev.actor_id, ev.actor_name], ['withdraw', TODAY, 'accepted', 'withdrawn', null, 'applicant']);
  assert.equal(data.actorId, `applicant:case-${f.id}`, 'recorded as the applicant, not a staff user');
  assert.equal(data.byApplicant, true);
  assert.ok(data.reason?.includes('138****1234') && !data.reason.includes(PHONE), 'a phone number typed in the reason is masked');

  const letters = await t.db.db.selectFrom('request_letters').select(['kind', 'status']).where('case_id', '=', f.id).execute();
  assert.ok(letters.some((l) => l.kind === 'reply.withdrawn' && l.status === 'draft'), 'the 终止办理告知书 is drafted as for a staff withdrawal');

  const audit = await t.db.db.selectFrom('audit_log').select(['action', 'actor_name', 'actor_id', 'ip']).where('subject_type', '=', 'request_case').where('subject_id', '=', String(f.id)).where('action', '=', 'request.withdraw').execute();
  assert.equal(audit.length, 1);
  assert.deepEqual([audit[0].actor_name, audit[0].actor_id], ['applicant', null]);
  assert.ok(audit[0].ip, 'the address is audited');

  const handlerId = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'handler').executeTakeFirstOrThrow()).id;
  const notes = await t.db.db.selectFrom('request_notifications').selectAll().where('case_id', '=', f.id).execute();
  assert.deepEqual(notes.map((n) => [n.user_id, n.kind, n.due_on]), [[handlerId, 'withdrawn', TODAY]]);
  assert.match((notes[0].message as { zh: string }).zh, /申请人已于.*自行撤回申请/);
  assert.ok(t.logs.some((l) => l.includes('已由申请人撤回')), 'the e-mail to the handler (logged without SMTP_URL)');
  assert.ok(notes[0].emailed_at, 'marked as e-mailed');
  assert.ok(!t.logs.some((l) => l.includes(f.queryCode) || l.includes(PHONE)), 'neither the query code nor the phone reaches the log');

  // the applicant's timeline says who withdrew and when; the form is gone
  const after = await statusPage(citizen(), f);
  assert.match(after.body, /id="case-status">已撤回/);
  assert.match(after.body, new RegExp(`<time>${TODAY.slice(0, 4)}年${Number(TODAY.slice(5, 7))}月${Number(TODAY.slice(8))}日</time> 申请人撤回申请（通过查询页面自行撤回）`));
  assert.ok(!after.body.includes('action="/ysqgk/withdraw"'));

  // the staff case page: the applicant as actor, the reason escaped; the handler's reminders list it
  const handler = new Client(t.app);
  await handler.login('handler', PASSWORD);
  const page = await handler.get(`/admin/requests/${f.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<td>申请人撤回申请（通过查询页面自行撤回）<\/td><td>办理中 → 已撤回<\/td><td>申请人<\/td>/);
  assert.ok(page.body.includes('&lt;script>alert(1)&lt;/script>') && !page.body.includes('<script>alert(1)'), 'the reason is escaped');
  const reminders = await handler.get('/admin/requests/notifications');
  assert.match(reminders.body, /自行撤回申请/);

  // counted in the annual report as 其他处理 (3.3.6.3)
  const year = Number(TODAY.slice(0, 4));
  const records = await caseRecordsForReport(t.db.db, [c.unit_id], year);
  const mine = records.find((x) => x.id === String(f.id))!;
  assert.equal(mine.result, '3.3.6.3');
  const report = computeReport(mine.unit, year, { cases: records, docs: [] });
  assert.ok(report.drill['table3.3.3.6.3.natural'].includes(String(f.id)), 'the report module counts it in 3.3.6.3 (其他处理：其他)');
});

test('a second submission (double click) → 409 and nothing changed', async () => {
  const f = await filed('撤回庚');
  const c = citizen();
  const page = await statusPage(c, f);
  const csrf = /action="\/ysqgk\/withdraw"[^]*?name="_csrf" value="([^"]+)"/.exec(page.body)![1];
  const form = { _csrf: csrf, tracking: f.trackingNo, code: f.queryCode, confirm: 'yes' };
  const [a, b] = [await c.post('/ysqgk/withdraw', form), await c.post('/ysqgk/withdraw', form)];
  assert.equal(a.statusCode, 200);
  const before = await snapshot(f.id);
  assert.equal(b.statusCode, 409);
  assert.match(b.body, /本申请已于.*撤回，无需重复提交/);
  assert.deepEqual(await snapshot(f.id), before);
  const again = await c.post('/ysqgk/withdraw', form);
  assert.equal(again.statusCode, 409);
  assert.equal((await t.db.db.selectFrom('request_events').select('id').where('case_id', '=', f.id).where('type', '=', 'withdraw').execute()).length, 1);
});

test('after the organ decided, or before staff registered it: 409 with the reason, nothing changed', async () => {
  const decided = await filed('撤回辛', 'answered');
  const before = await snapshot(decided.id);
  const c = citizen();
  const csrf = await c.csrf('/ysqgk/withdraw');
  const r = await c.post('/ysqgk/withdraw', { _csrf: csrf, tracking: decided.trackingNo, code: decided.queryCode, confirm: 'yes' });
  assert.equal(r.statusCode, 409);
  assert.match(r.body, /本机关已对本申请作出处理（当前状态：已答复，待送达），办理已经终结，不能撤回/);
  assert.deepEqual(await snapshot(decided.id), before);

  const submitted = await filed('撤回壬', 'submitted');
  const s0 = await snapshot(submitted.id);
  const s = await c.post('/ysqgk/withdraw', { _csrf: await c.csrf('/ysqgk/withdraw'), tracking: submitted.trackingNo, code: submitted.queryCode, confirm: 'yes' });
  assert.equal(s.statusCode, 409);
  assert.match(s.body, /尚待工作人员确认登记/);
  assert.deepEqual(await snapshot(submitted.id), s0);
});

test('the withdrawal route is rate-limited per address', async () => {
  const c = citizen();
  const csrf = await c.csrf('/ysqgk/withdraw');
  let last = 0;
  for (let i = 0; i < 12; i++) last = (await c.post('/ysqgk/withdraw', { _csrf: csrf, tracking: '20240101-000000', code: 'AAAAAAAAAA', confirm: 'yes' })).statusCode;
  assert.equal(last, 429);
});
