/**
 * The public side over HTTP: the application form (条例 第二十九条), bad input refused with nothing
 * stored, the abuse guard, a citizen's good submission stored (and kept in the inbox when storing
 * fails), the status lookup, the JSON API — and the app's log never holding personal data.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { Client, } from '../../../../test/helpers/app.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { INTAKE_GUARD } from './guard.ts';
import { decryptPii, nameHmacs } from '../../../core/pii/crypto.ts';
import { caseByTracking, caseText } from '../store/repository.ts';
import { ADDRESS, application, ID, PHONE, requestsTree } from '../store/fixtures.test-helper.ts';
import { codesFrom, fileApplication, fileWithAttachments, loggedApp, openForm, type LoggedApp } from './http.test-helper.ts';

let t: LoggedApp;
let ipN = 0;
/** A fresh client per test, on its own address (the submit route is rate-limited per IP). */
const citizen = () => new Client(t.app, `10.1.0.${++ipN}`);
const count = async (table: 'request_cases' | 'request_submissions_inbox' | 'request_attachments') =>
  Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

before(async () => {
  t = await loggedApp();
  await requestsTree(t.db.db);
});
after(async () => t.close());

test('the form at /u/<slug>/xxgk/ysqgk: multipart, CSRF token, signed form token, honeypot, Art. 29 fields; /apply chooses the unit', async () => {
  const c = citizen();
  const r = await c.get('/u/bureau/xxgk/ysqgk');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<form method="post" action="\/u\/bureau\/xxgk\/ysqgk" enctype="multipart\/form-data"/);
  for (const name of ['_csrf', 'form_token', 'homepage', 'applicant_type', 'org_kind', 'name', 'id_type', 'id_number', 'phone', 'email', 'address', 'info_title', 'info_number', 'description', 'form', 'delivery', 'attachments']) {
    assert.match(r.body, new RegExp(`name="${name}"`), name);
  }
  for (const kind of ['商业企业', '科研机构', '社会公益组织', '法律服务机构']) assert.ok(r.body.includes(kind), kind);
  assert.equal(r.headers['cache-control'], 'no-store');
  const apply = await c.get('/apply');
  assert.equal(apply.statusCode, 200);
  assert.match(apply.body, /<option value="bureau">/);
  const go = await c.get('/apply?unit=bureau');
  assert.equal(go.statusCode, 303);
  assert.equal(go.headers.location, '/u/bureau/xxgk/ysqgk');
  assert.equal((await c.get('/u/nowhere/xxgk/ysqgk')).statusCode, 404);
});

const BAD: [string, Record<string, string>, string][] = [
  ['no name', { name: '' }, 'name'],
  ['identity number with a wrong check character', { id_number: '110101199003078514' }, 'id_number'],
  ['15-digit identity number', { id_number: '110101900307851' }, 'id_number'],
  ['no identity number (Art. 29)', { id_number: '' }, 'id_number'],
  ['no way to contact', { phone: '', email: '', address: '', delivery: 'collect' }, 'phone'],
  ['a phone that is not one', { phone: '12345' }, 'phone'],
  ['nothing describing the information', { info_title: '', info_number: '', description: '' }, 'description'],
  ['no form', { form: '' }, 'form'],
  ['e-mail delivery without an e-mail address', { email: '', delivery: 'email' }, 'email'],
  ['an organisation without its kind', { applicant_type: 'org', org_kind: '', contact_person: '李四' }, 'org_kind'],
  ['an organisation without a contact person', { applicant_type: 'org', org_kind: 'commercial', id_type: 'uscc', id_number: '91211300MA0Y5K1X3G' }, 'contact_person'],
  ['a description of 4001 characters', { description: '字'.repeat(4001) }, 'description'],
];

test('bad input on the public form: 422 naming the field, in the user language, and nothing stored', async () => {
  for (const [what, fields, field] of BAD) {
    const r = await fileApplication(citizen(), 'bureau', application(fields));
    assert.equal(r.statusCode, 422, what);
    assert.match(r.body, new RegExp(`href="#f-${field}"`), `${what}: error summary links to ${field}`);
    assert.match(r.body, /提交的内容有误/, what);
  }
  const en = citizen();
  en.cookies.set('lang', 'en');
  const r = await fileApplication(en, 'bureau', application({ name: '' }));
  assert.match(r.body, /Enter your name/);
  assert.equal(await count('request_cases'), 0);
  assert.equal(await count('request_submissions_inbox'), 0);
});

test('the abuse guard: honeypot, missing or forged form token, too fast, no CSRF token — refused, nothing stored', async () => {
  const hp = await fileApplication(citizen(), 'bureau', application({ homepage: 'http://spam.example' }));
  assert.equal(hp.statusCode, 400);
  assert.match(hp.body, /提交未通过校验/);
  const c = citizen();
  const { csrf } = await openForm(c, 'bureau');
  assert.equal((await c.post('/u/bureau/xxgk/ysqgk', { _csrf: csrf, ...application() })).statusCode, 400, 'no form token');
  assert.equal((await c.post('/u/bureau/xxgk/ysqgk', { _csrf: csrf, form_token: `${Date.now() - 60_000}.AAAAAAAAAAAAAAAAAAAAAA`, ...application() })).statusCode, 400, 'forged form token');
  INTAKE_GUARD.minFillMs = 60_000;
  try {
    const fast = await fileApplication(citizen(), 'bureau', application());
    assert.equal(fast.statusCode, 400);
    assert.match(fast.body, /提交过快/);
  } finally {
    INTAKE_GUARD.minFillMs = 0;
  }
  const noCsrf = citizen();
  const { formToken } = await openForm(noCsrf, 'bureau');
  assert.equal((await noCsrf.post('/u/bureau/xxgk/ysqgk', { form_token: formToken, ...application() })).statusCode, 403);
  assert.equal(await count('request_cases'), 0);
});

test('a good submission: 201 with the tracking number and query code once; stored encrypted, masked, hashed, audited without PII', async () => {
  const r = await fileApplication(citizen(), 'bureau', application());
  assert.equal(r.statusCode, 201);
  const { trackingNo, queryCode } = codesFrom(r.body);
  assert.match(trackingNo, /^\d{8}-\d{6}$/);
  assert.match(queryCode, /^[A-Z2-9]{10}$/);
  const row = await t.db.db.selectFrom('request_cases').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
  assert.deepEqual([row.status, row.channel, row.category, row.applicant_name_masked, row.received_on], ['submitted', 'online', 'natural', '王**', null]);
  assert.equal(caseText(row).applicant_name, '王小明');
  const raw = JSON.stringify(row);
  for (const secret of [ID, PHONE, ADDRESS, 'wang@example.com', queryCode, '王小明', '城市道路维修', '资金拨付明细', '测政发']) assert.ok(!raw.includes(secret), `${secret} is not stored in clear`);
  assert.equal(row.id_number_masked, '110***********8515');
  assert.equal(row.phone_masked, '138****1234');
  assert.equal(decryptPii(t.cfg.piiKeys, 'id_number', row.id_number_enc!), ID);
  assert.equal(decryptPii(t.cfg.piiKeys, 'address', row.address_enc!), ADDRESS);
  assert.match(row.id_number_hmac!, /^[0-9a-f]{64}$/);
  const audit = await t.db.db.selectFrom('audit_log').select(['action', 'summary', 'actor_name']).where('subject_type', '=', 'request_case').where('subject_id', '=', String(row.id)).execute();
  assert.deepEqual(audit.map((a) => [a.action, a.actor_name]), [['request.submit', 'public']]);
  assert.ok(!JSON.stringify(audit).includes(ID) && !JSON.stringify(audit).includes(PHONE));

  // the applicant's status page
  const look = citizen();
  const page = await look.get('/ysqgk/status');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
  const ok = await look.post('/ysqgk/status', { _csrf: csrf, tracking: trackingNo, code: queryCode.toLowerCase() });
  assert.equal(ok.statusCode, 200);
  assert.match(ok.body, /已提交，待确认登记/);
  assert.ok(!ok.body.includes(ID) && !ok.body.includes(PHONE), 'the status page shows no personal data');
  const wrong = await look.post('/ysqgk/status', { _csrf: csrf, tracking: trackingNo, code: 'WRONGCODE2' });
  assert.equal(wrong.statusCode, 404);
  assert.match(wrong.body, /查询编号或查询码不正确/);
});

test('attachments are typed by their bytes: a PNG is kept, an HTML page named .pdf is refused (nothing stored)', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const pngFile = Buffer.concat([png, Buffer.alloc(64)]);
  const good = await fileWithAttachments(t.app, citizen(), 'bureau', application({ name: '附件甲' }), [{ name: '身份证明.png', type: 'image/png', data: pngFile }]);
  assert.equal(good.statusCode, 201, good.body.slice(0, 300));
  const byName = nameHmacs(t.cfg.piiKeys, '附件甲');
  const row = await t.db.db.selectFrom('request_attachments as a').innerJoin('request_cases as c', 'c.id', 'a.case_id').select(['a.filename_enc', 'a.mime', 'a.size']).where('c.applicant_name_hmac', 'in', byName).executeTakeFirstOrThrow();
  assert.deepEqual({ ...row, filename_enc: decryptPii(t.cfg.piiKeys, 'attachment_name', row.filename_enc) }, { filename_enc: '身份证明.png', mime: 'image/png', size: pngFile.length });
  const a = await t.db.db.selectFrom('request_attachments as a').innerJoin('request_cases as c', 'c.id', 'a.case_id').select(['a.id', 'a.case_id']).where('c.applicant_name_hmac', 'in', byName).executeTakeFirstOrThrow();
  const handler = new Client(t.app);
  await handler.login('handler', PASSWORD);
  const got = await handler.get(`/admin/requests/${a.case_id}/attachments/${a.id}`);
  assert.equal(got.statusCode, 200);
  assert.deepEqual(got.rawPayload, pngFile);
  const audited = await t.db.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'request.attachment.view').where('subject_id', '=', String(a.case_id)).execute();
  assert.deepEqual(audited.map((x) => x.actor_name), ['handler'], 'each download of an attachment (identity scans) is audited');
  const sup = new Client(t.app);
  await sup.login('supervisor', PASSWORD);
  assert.equal((await sup.get(`/admin/requests/${a.case_id}/attachments/${a.id}`)).statusCode, 403, 'a supervisor reads masked data only');
  const cases = await count('request_cases');
  const bad = await fileWithAttachments(t.app, citizen(), 'bureau', application({ name: '附件乙' }), [{ name: 'scan.pdf', type: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script></html>') }]);
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /href="#f-attachments"/);
  assert.equal(await count('request_cases'), cases);
});

test('a failure after validation never loses the application: it is kept encrypted in the inbox, and staff recover it', async () => {
  await sql`create function request_cases_broken() returns trigger language plpgsql as $$ begin raise exception 'disk full (simulated)'; end $$`.execute(t.db.db);
  await sql`create trigger request_cases_broken before insert on request_cases for each row execute function request_cases_broken()`.execute(t.db.db);
  let kept;
  try {
    kept = await fileApplication(citizen(), 'bureau', application({ name: '赵暂存' }));
  } finally {
    await sql`drop trigger request_cases_broken on request_cases`.execute(t.db.db);
    await sql`drop function request_cases_broken()`.execute(t.db.db);
  }
  assert.equal(kept.statusCode, 202);
  assert.match(kept.body, /已完整保存/);
  const inbox = await t.db.db.selectFrom('request_submissions_inbox').selectAll().executeTakeFirstOrThrow();
  assert.equal(inbox.status, 'pending');
  assert.ok(!inbox.payload_enc.includes('赵暂存') && !inbox.payload_enc.includes(ID), 'kept encrypted');
  assert.equal(JSON.parse(decryptPii(t.cfg.piiKeys, 'submission', inbox.payload_enc)).intake.name, '赵暂存');
  assert.ok(t.logs.some((l) => l.includes('kept in the inbox')), 'the failure is logged (without the submission)');

  const staff = new Client(t.app);
  await staff.login('sysadmin', PASSWORD);
  const list = await staff.get('/admin/requests/inbox');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(`/admin/requests/inbox/${inbox.id}/recover`));
  const rec = await staff.submit('/admin/requests/inbox', `/admin/requests/inbox/${inbox.id}/recover`, {});
  assert.equal(rec.statusCode, 201);
  const { trackingNo } = codesFrom(rec.body);
  const c = (await caseByTracking(t.db.db, trackingNo))!;
  assert.deepEqual([c.applicant_name, c.status], ['赵暂存', 'submitted']);
  assert.equal((await t.db.db.selectFrom('request_submissions_inbox').select('status').where('id', '=', inbox.id).executeTakeFirstOrThrow()).status, 'recovered');
});

test('the JSON API: form token, submit with the same validation and guard, status lookup', async () => {
  const c = citizen();
  const tok = await c.json('GET', '/api/v1/requests/form-token');
  assert.equal(tok.statusCode, 200);
  const { token } = tok.json() as { token: string };
  const bad = await c.json('POST', '/api/v1/requests', { unit: 'bureau', form_token: token, ...application({ id_number: '110101199003078514' }) });
  assert.equal(bad.statusCode, 422);
  assert.ok((bad.json() as { error: { fields: Record<string, string> } }).error.fields.id_number);
  const hp = await c.json('POST', '/api/v1/requests', { unit: 'bureau', form_token: token, homepage: 'x', ...application() });
  assert.equal(hp.statusCode, 400);
  const before = await count('request_cases');
  const ok = await c.json('POST', '/api/v1/requests', { unit: 'bureau', form_token: token, ...application({ name: 'API申请人', applicant_type: 'org', org_kind: 'research', contact_person: '钱七' }) });
  assert.equal(ok.statusCode, 201, ok.body);
  const { trackingNo, queryCode } = ok.json() as { trackingNo: string; queryCode: string };
  assert.equal(await count('request_cases'), before + 1);
  const st = await c.json('GET', `/api/v1/requests/status?tracking=${trackingNo}&code=${queryCode}`);
  assert.equal(st.statusCode, 200);
  assert.deepEqual((({ trackingNo: tn, status, receivedOn }) => ({ tn, status, receivedOn }))(st.json() as { trackingNo: string; status: string; receivedOn: null }), { tn: trackingNo, status: 'submitted', receivedOn: null });
  assert.equal((await c.json('GET', `/api/v1/requests/status?tracking=${trackingNo}&code=AAAAAAAAAA`)).statusCode, 404);
  assert.ok(!t.logs.some((l) => l.includes(queryCode)), 'the query code in the status URL is not logged');
  const row = (await caseByTracking(t.db.db, trackingNo))!;
  assert.deepEqual([row.category, row.contact_person, row.applicant_name_masked], ['research', '钱七', 'A*****']);
});

test('no log line carries an identity number, phone, e-mail or address', async () => {
  assert.ok(t.logs.length > 20, 'the log was captured');
  for (const secret of [ID, PHONE, ADDRESS, 'wang@example.com']) {
    const hit = t.logs.find((l) => l.includes(secret));
    assert.equal(hit, undefined, `log line with ${secret}`);
  }
});

test('the API routes and their TypeBox schemas appear in the OpenAPI document', async (ctx) => {
  const r = await t.app.inject({ url: '/api/docs/json' });
  if (r.statusCode === 404) return ctx.skip('no OpenAPI document registered in this build');
  assert.equal(r.statusCode, 200, r.body.slice(0, 300));
  const paths = (r.json() as { paths: Record<string, Record<string, { summary?: string }>> }).paths;
  for (const p of ['/api/v1/requests', '/api/v1/requests/status', '/api/v1/requests/form-token', '/api/v1/requests/{id}/steps', '/api/v1/requests/{id}/letters/{lid}/{format}']) assert.ok(paths[p], p);
  assert.match(paths['/api/v1/requests'].post.summary ?? '', /第二十九条/);
});
