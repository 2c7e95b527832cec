/**
 * #14.8 "cases 61 and 62 from identical POSTs": every create form and JSON create API is idempotent.
 * A replayed POST with the form's one-time token (or the same `Idempotency-Key` and body) gets the
 * first result and creates nothing; the same key with another body is refused with 422 naming the
 * field. Also: the 回执 prints the query code, for staff entry and for a confirmed online application.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../../../../test/helpers/app.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { docToText } from '../../../core/docs/index.ts';
import { letterById } from '../store/repository.ts';
import { application, paperApplication, requestsTree } from '../store/fixtures.test-helper.ts';
import { codesFrom, loggedApp, openForm, type LoggedApp } from './http.test-helper.ts';

let t: LoggedApp;
let tree: Awaited<ReturnType<typeof requestsTree>>;
let ipN = 0;
const citizen = () => new Client(t.app, `10.7.0.${++ipN}`);
const cases = async () => Number((await t.db.db.selectFrom('request_cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const receiptText = async (trackingNo: string) => {
  const l = await t.db.db.selectFrom('request_letters as l').innerJoin('request_cases as c', 'c.id', 'l.case_id').select('l.id').where('c.tracking_no', '=', trackingNo).where('l.kind', '=', 'receipt').executeTakeFirstOrThrow();
  return docToText((await letterById(t.db.db, l.id))!.model);
};

before(async () => {
  t = await loggedApp();
  tree = await requestsTree(t.db.db);
});
after(async () => t.close());

test('public form: a replayed POST shows the first tracking number and query code and stores one case; another body with the token is refused', async () => {
  const c = citizen();
  const { csrf, formToken } = await openForm(c, 'bureau');
  const form = { _csrf: csrf, form_token: formToken, homepage: '', ...application({ name: '周重提' }) };
  const n = await cases();
  const first = await c.post('/u/bureau/xxgk/ysqgk', form);
  assert.equal(first.statusCode, 201, first.body.slice(0, 300));
  const again = await c.post('/u/bureau/xxgk/ysqgk', form);
  assert.equal(again.statusCode, 201);
  assert.deepEqual(codesFrom(again.body), codesFrom(first.body), 'the first result again');
  assert.equal(await cases(), n + 1, 'one case from two identical POSTs');
  const other = await c.post('/u/bureau/xxgk/ysqgk', { ...form, name: '周另提' });
  assert.equal(other.statusCode, 422);
  assert.match(other.body, /表单令牌/);
  assert.equal(await cases(), n + 1);
  // a fresh form is a new application
  const { csrf: csrf2, formToken: token2 } = await openForm(c, 'bureau');
  assert.notEqual(token2, formToken, 'each form has its own token');
  assert.equal((await c.post('/u/bureau/xxgk/ysqgk', { ...form, _csrf: csrf2, form_token: token2 })).statusCode, 201);
  assert.equal(await cases(), n + 2);
});

test('staff registration: the resent form shows the first registration; the 回执 prints the query code', async () => {
  const h = new Client(t.app);
  await h.login('handler', PASSWORD);
  const page = await h.get('/admin/requests/new');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
  const token = /name="form_token" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(token, 'the registration form carries a one-time token');
  const form = { _csrf: csrf, form_token: token, unit_id: String(tree.bureau.id), ...paperApplication('2025-03-03') };
  const n = await cases();
  const a = await h.post('/admin/requests', form);
  assert.equal(a.statusCode, 201, a.body.slice(0, 300));
  const b = await h.post('/admin/requests', form);
  assert.equal(b.statusCode, 201);
  const codes = codesFrom(a.body);
  assert.deepEqual(codesFrom(b.body), codes);
  assert.equal(await cases(), n + 1);
  const text = await receiptText(codes.trackingNo);
  assert.ok(text.includes(`查询编号：${codes.trackingNo}`) && text.includes(`查询码：${codes.queryCode}`), text);
});

test('online application: the receipt drafted at confirmation prints the code the citizen got; the kept copy is then gone', async () => {
  const c = citizen();
  const { csrf, formToken } = await openForm(c, 'bureau');
  const r = await c.post('/u/bureau/xxgk/ysqgk', { _csrf: csrf, form_token: formToken, homepage: '', ...application({ name: '吴在线' }) });
  const codes = codesFrom(r.body);
  const row = await t.db.db.selectFrom('request_cases').select(['id', 'query_code_enc']).where('tracking_no', '=', codes.trackingNo).executeTakeFirstOrThrow();
  assert.ok(row.query_code_enc && !row.query_code_enc.includes(codes.queryCode), 'kept encrypted');
  const h = new Client(t.app);
  await h.login('handler', PASSWORD);
  const done = await h.submit(`/admin/requests/${row.id}`, `/admin/requests/${row.id}/confirm`, {});
  assert.equal(done.statusCode, 303);
  assert.ok((await receiptText(codes.trackingNo)).includes(`查询码：${codes.queryCode}`));
  assert.equal((await t.db.db.selectFrom('request_cases').select('query_code_enc').where('id', '=', row.id).executeTakeFirstOrThrow()).query_code_enc, null);
});

test('JSON API: the same Idempotency-Key and body get the first response; another body 422; a bad key 422', async () => {
  const c = citizen();
  const { token } = (await c.json('GET', '/api/v1/requests/form-token')).json() as { token: string };
  const body = { unit: 'bureau', form_token: token, ...application({ name: '郑接口' }) };
  const key = { 'idempotency-key': 'client-7f3a-0001' };
  const n = await cases();
  const a = await c.json('POST', '/api/v1/requests', body, key);
  assert.equal(a.statusCode, 201, a.body);
  const b = await c.json('POST', '/api/v1/requests', body, key);
  assert.equal(b.statusCode, 201);
  assert.deepEqual(b.json(), a.json());
  assert.equal(await cases(), n + 1);
  const other = await c.json('POST', '/api/v1/requests', { ...body, name: '郑另一' }, key);
  assert.equal(other.statusCode, 422);
  assert.ok((other.json() as { error: { fields: Record<string, unknown> } }).error.fields['Idempotency-Key']);
  assert.equal((await c.json('POST', '/api/v1/requests', body, { 'idempotency-key': 'x' })).statusCode, 422);
  assert.equal(await cases(), n + 1);

  // staff API: recording an appeal
  const h = new Client(t.app);
  await h.login('handler', PASSWORD);
  const id = (await t.db.db.selectFrom('request_cases').select('id').where('tracking_no', '=', (a.json() as { trackingNo: string }).trackingNo).executeTakeFirstOrThrow()).id;
  const appeal = { kind: 'review', outcome: 'pending', filedOn: '2025-06-01', body: '测试市人民政府' };
  const k2 = { 'idempotency-key': 'appeal-2025-06-01-a' };
  const x = await h.json('POST', `/api/v1/requests/${id}/appeals`, appeal, k2);
  assert.equal(x.statusCode, 200, x.body);
  const y = await h.json('POST', `/api/v1/requests/${id}/appeals`, appeal, k2);
  assert.deepEqual(y.json(), x.json());
  assert.equal((await t.db.db.selectFrom('request_appeals').select('id').where('case_id', '=', id).execute()).length, 1);
  const upd = await h.json('POST', `/api/v1/requests/${id}/appeals/${(x.json() as { id: number }).id}`, { outcome: 'corrected', decidedOn: '2025-08-01' });
  assert.equal(upd.statusCode, 200, upd.body);
  const rows = await t.db.db.selectFrom('request_appeals').select(['outcome', 'decided_on']).where('case_id', '=', id).execute();
  assert.deepEqual(rows, [{ outcome: 'corrected', decided_on: '2025-08-01' }]);
});

test('the appeals register page and its CSV export (#14.4)', async () => {
  const h = new Client(t.app);
  await h.login('handler', PASSWORD);
  const page = await h.get('/admin/requests/appeals?state=decided&kind=review');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /行政复议和行政诉讼登记簿/);
  assert.match(page.body, /<a href="\/admin\/requests\/\d+">\d{8}-\d{6}<\/a>/, 'each appeal links to its case');
  assert.match(page.body, /结果纠正/);
  assert.ok(!/尚未审结<\/span>/.test(page.body), 'filtered to decided appeals');
  const csv = await h.get('/admin/requests/appeals.csv?kind=review');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.match(csv.body, /行政复议,结果纠正,2025-06-01,2025-08-01,测试市人民政府/);
  const anon = await new Client(t.app).get('/admin/requests/appeals');
  assert.ok([302, 303, 401].includes(anon.statusCode), String(anon.statusCode));
});

test('the case page refuses an appeal entered again after its outcome, saying so once (#14.4)', async () => {
  const h = new Client(t.app);
  await h.login('handler', PASSWORD);
  const { case_id: caseId } = await t.db.db.selectFrom('request_appeals').select('case_id').where('filed_on', '=', '2025-06-01').where('kind', '=', 'review').executeTakeFirstOrThrow();
  const res = await h.submit(`/admin/requests/${caseId}`, `/admin/requests/${caseId}/appeals`, { kind: 'review', outcome: 'corrected', filed_on: '2025-06-01', decided_on: '2025-08-01', body: '测试市人民政府' });
  assert.equal(res.statusCode, 409);
  const said = res.body.split('已登记一件同类、提起日期相同的复议或诉讼').length - 1;
  assert.equal(said, 1, 'the refusal is shown once, not as "message：message"');
  assert.equal((await t.db.db.selectFrom('request_appeals').select('id').where('case_id', '=', caseId).execute()).length, 1);
});

test('JSON API without an Idempotency-Key: the form token is the key — the same body twice makes one case (#14.8)', async () => {
  const c = citizen();
  const { token } = (await c.json('GET', '/api/v1/requests/form-token')).json() as { token: string };
  const body = { unit: 'bureau', form_token: token, ...application({ name: '钱无键' }) };
  const n = await cases();
  const a = await c.json('POST', '/api/v1/requests', body);
  assert.equal(a.statusCode, 201, a.body);
  const b = await c.json('POST', '/api/v1/requests', body);
  assert.equal(b.statusCode, 201);
  assert.deepEqual(b.json(), a.json(), 'the replay gets the first tracking number and query code');
  assert.equal(await cases(), n + 1);
  const other = await c.json('POST', '/api/v1/requests', { ...body, name: '钱另一' });
  assert.equal(other.statusCode, 422);
  assert.ok((other.json() as { error: { fields: Record<string, unknown> } }).error.fields.form_token);
  assert.equal(await cases(), n + 1);
});
