/**
 * The staff side over HTTP, from a citizen's online application to a partial-release reply the
 * citizen downloads: confirm (条例 第三十一条), accept, draft, sign (审核), deliver; masked data in lists
 * and the API, full data only for the case's handler (audited); supervisors read only.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../../../../test/helpers/app.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { extractDocxText, extractPdfText } from '../../../core/docs/index.ts';
import { application, ID, PHONE, ADDRESS, requestsTree } from '../store/fixtures.test-helper.ts';
import { codesFrom, fileApplication, loggedApp, type LoggedApp } from './http.test-helper.ts';

let t: LoggedApp;
let handler: Client;
let reviewer: Client;
let supervisor: Client;
let caseId: number;
let codes: { trackingNo: string; queryCode: string };

before(async () => {
  t = await loggedApp();
  await requestsTree(t.db.db);
  const r = await fileApplication(new Client(t.app, '10.2.0.1'), 'bureau', application());
  codes = codesFrom(r.body);
  caseId = (await t.db.db.selectFrom('request_cases').select('id').where('tracking_no', '=', codes.trackingNo).executeTakeFirstOrThrow()).id;
  handler = new Client(t.app);
  await handler.login('handler', PASSWORD);
  reviewer = new Client(t.app);
  await reviewer.login('reviewer', PASSWORD);
  supervisor = new Client(t.app);
  await supervisor.login('supervisor', PASSWORD);
});
after(async () => t.close());

const page = (c: Client) => c.get(`/admin/requests/${caseId}`);
const post = (c: Client, path: string, form: Record<string, string | string[]>) => c.submit(`/admin/requests/${caseId}`, `/admin/requests/${caseId}${path}`, form);

test('the list and the case page show masked personal data; the dashboard counts the case', async () => {
  const list = await handler.get('/admin/requests?status=submitted');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(codes.trackingNo));
  assert.match(list.body, /110\*{11}8515/);
  assert.ok(!list.body.includes(ID) && !list.body.includes(PHONE));
  const p = await page(handler);
  assert.equal(p.statusCode, 200);
  assert.match(p.body, /138\*\*\*\*1234/);
  assert.ok(!p.body.includes(ID) && !p.body.includes(PHONE) && !p.body.includes(ADDRESS));
  assert.match(p.body, /确认收到并登记/);
  const dash = await handler.get('/admin');
  assert.match(dash.body, /待确认登记/);
  assert.equal((await new Client(t.app).get('/admin/requests')).statusCode, 302, 'signed-out users go to the login page');
});

test('the list shows the name masked and finds the case by the exact name only (keyed hash); the API list too', async () => {
  const byName = await supervisor.get(`/admin/requests?status=all&q=${encodeURIComponent('王 小明')}`);
  assert.equal(byName.statusCode, 200);
  assert.match(byName.body, new RegExp(codes.trackingNo));
  assert.match(byName.body, /王\*\*/);
  assert.ok(!byName.body.includes('王小明'), 'no full name in a list');
  assert.match(byName.body, /姓名或名称须完整输入/, 'the form says how name search works');
  const part = await supervisor.get(`/admin/requests?status=all&q=${encodeURIComponent('小明')}`);
  assert.ok(!part.body.includes(codes.trackingNo), 'part of a name finds nothing');
  const api = await handler.json('GET', `/api/v1/requests?status=all&q=${encodeURIComponent('王小明')}`);
  assert.equal(api.statusCode, 200);
  const rows = (api.json() as { data: { trackingNo: string; applicantNameMasked: string }[] }).data;
  assert.deepEqual(rows.map((r) => [r.trackingNo, r.applicantNameMasked]), [[codes.trackingNo, '王**']]);
  assert.ok(!api.body.includes('王小明'));
  const one = await handler.json('GET', `/api/v1/requests/${caseId}`);
  assert.equal((one.json() as { applicant: { name: string } }).applicant.name, '王小明', 'the case itself has the name, decrypted');
});

test('the supervisor reads masked data only: no reveal, no steps; the handler sees it in full, and the view is audited', async () => {
  const sp = await page(supervisor);
  assert.equal(sp.statusCode, 200);
  assert.ok(!sp.body.includes('查看完整个人信息'));
  assert.ok(!sp.body.includes('确认收到并登记'));
  assert.equal((await supervisor.submit(`/admin/requests/${caseId}`, `/admin/requests/${caseId}/pii`, {})).statusCode, 403);
  const before = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'request.pii.view').execute();
  const full = await post(handler, '/pii', {});
  assert.equal(full.statusCode, 200);
  assert.match(full.body, new RegExp(ID));
  assert.match(full.body, new RegExp(PHONE));
  const after = await t.db.db.selectFrom('audit_log').select(['actor_name', 'summary']).where('action', '=', 'request.pii.view').execute();
  assert.equal(after.length, before.length + 1);
  assert.equal(after.at(-1)!.actor_name, 'handler');
  assert.ok(!JSON.stringify(after.at(-1)!.summary).includes(ID), 'the audit entry names the fields, not their values');
});

test('a citizen’s application handled to a partial-release reply; the citizen downloads it as PDF and DOCX', async () => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  let r = await post(handler, '/confirm', { date: today });
  assert.equal(r.statusCode, 303, r.body.slice(0, 500));
  const c1 = await t.db.db.selectFrom('request_cases').select(['status', 'received_on', 'due_on', 'handler_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
  assert.equal(c1.status, 'registered');
  assert.equal(c1.received_on, today);
  assert.ok(c1.due_on && c1.due_on > today, 'due date computed');
  r = await post(handler, '/steps', { type: 'accept', date: today });
  assert.equal(r.statusCode, 303);

  // a broken rule re-renders the case page with its message (422)
  r = await post(handler, '/steps', { type: 'extend', date: today, workdays: '10', reason: 'x', approved_by: 'y' });
  assert.equal(r.statusCode, 403, 'a case handler cannot extend (条例第三十三条第二款)');
  r = await post(handler, '/reply', { key: 'partial', released: '招标公告', provision: '网上获取' });
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /不予公开的部分及其理由/);

  r = await post(handler, '/reply', {
    key: 'partial', released: '招标公告\n中标结果公告', provision: '在本平台查询页面下载',
    withheld_1_desc: '投标人报价明细', withheld_1_ground: 'refuse_third_party', withheld_1_reason: '涉及投标人商业秘密，经征求意见不同意公开',
  });
  assert.equal(r.statusCode, 303, r.body.slice(0, 800));
  const hp = await page(handler);
  assert.match(hp.body, /答复草稿/);
  assert.ok(!hp.body.includes('审核签发答复</button>'), 'the handler cannot sign');
  const rp = await page(reviewer);
  assert.match(rp.body, /审核签发答复/);
  assert.match(rp.body, /以下文书尚未签发，签发后才能答复：政府信息公开申请接收回执/);
  // not while the 回执 is an unissued draft (#14.8): 422 with the letter named, nothing changed
  r = await reviewer.submit(`/admin/requests/${caseId}`, `/admin/requests/${caseId}/sign`, { date: today });
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /政府信息公开申请接收回执尚为草稿/);
  const receipt = await t.db.db.selectFrom('request_letters').select('id').where('case_id', '=', caseId).where('kind', '=', 'receipt').executeTakeFirstOrThrow();
  r = await handler.submit(`/admin/requests/${caseId}/letters/${receipt.id}`, `/admin/requests/${caseId}/letters/${receipt.id}/issue`, { date: today });
  assert.equal(r.statusCode, 303);
  // the issued 回执's page masks the query code it prints (the PDF keeps it for the applicant's copy)
  const rcp = await reviewer.get(`/admin/requests/${caseId}/letters/${receipt.id}`);
  assert.equal(rcp.statusCode, 200);
  assert.ok(!rcp.body.includes(codes.queryCode), 'no staff view shows the query code');
  assert.match(rcp.body, /查询码：\*{10}/);
  r = await reviewer.submit(`/admin/requests/${caseId}`, `/admin/requests/${caseId}/sign`, { date: today });
  assert.equal(r.statusCode, 303, r.body.slice(0, 800));
  const reply = await t.db.db.selectFrom('request_letters').select(['id', 'number', 'status', 'kind']).where('case_id', '=', caseId).where('kind', '=', 'reply.partial').executeTakeFirstOrThrow();
  assert.equal(reply.status, 'issued');
  assert.match(reply.number!, /^测司公复〔\d{4}〕1号$/);
  const c2 = await t.db.db.selectFrom('request_cases').select(['status', 'result_row']).where('id', '=', caseId).executeTakeFirstOrThrow();
  assert.deepEqual(c2, { status: 'answered', result_row: '3.3.2' });

  // staff download and delivery
  const lp = await handler.get(`/admin/requests/${caseId}/letters/${reply.id}`);
  assert.equal(lp.statusCode, 200);
  const sdocx = await handler.get(`/admin/requests/${caseId}/letters/${reply.id}.docx`);
  assert.equal(sdocx.statusCode, 200);
  assert.match(String(sdocx.headers['content-disposition']), /filename\*=UTF-8''/);
  r = await handler.submit(`/admin/requests/${caseId}/letters/${reply.id}`, `/admin/requests/${caseId}/letters/${reply.id}/deliver`, { method: 'online', date: today });
  assert.equal(r.statusCode, 303);
  assert.equal((await t.db.db.selectFrom('request_cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status, 'delivered');

  // the citizen
  const citizen = new Client(t.app, '10.2.0.9');
  const form = await citizen.get('/ysqgk/status');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1];
  const st = await citizen.post('/ysqgk/status', { _csrf: csrf, tracking: codes.trackingNo, code: codes.queryCode });
  assert.equal(st.statusCode, 200);
  assert.match(st.body, /已送达/);
  assert.match(st.body, new RegExp(reply.number!.replace(/[〔〕]/g, '.')));
  assert.match(st.body, /答复期限是如何计算的/);
  assert.match(st.body, /第三十一条/);
  const pdf = await citizen.post(`/ysqgk/letters/${reply.id}`, { _csrf: csrf, tracking: codes.trackingNo, code: codes.queryCode, format: 'pdf' });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const text = (await extractPdfText(pdf.rawPayload)).replace(/\s+/g, '').replace(/—\d+—/g, '');
  for (const must of [reply.number!, '第三十七条', '投标人报价明细', '测试市人民政府']) assert.ok(text.includes(must), must);
  assert.ok(!text.includes(ID) && !text.includes(PHONE));
  const docx = await citizen.post(`/ysqgk/letters/${reply.id}`, { _csrf: csrf, tracking: codes.trackingNo, code: codes.queryCode, format: 'docx' });
  assert.ok(extractDocxText(docx.rawPayload).includes(reply.number!));
  const wrong = await citizen.post(`/ysqgk/letters/${reply.id}`, { _csrf: csrf, tracking: codes.trackingNo, code: 'AAAAAAAAAA', format: 'pdf' });
  assert.equal(wrong.statusCode, 404);
});

test('the staff API: session required, JSON only for writes, masked data in the list', async () => {
  assert.equal((await new Client(t.app).json('GET', '/api/v1/requests')).statusCode, 401);
  const list = await handler.json('GET', '/api/v1/requests?status=all');
  assert.equal(list.statusCode, 200);
  const body = list.body;
  assert.ok(!body.includes(ID) && !body.includes(PHONE) && !body.includes(ADDRESS) && !body.includes('wang@example.com'), 'no personal data in the API list');
  const data = (list.json() as { data: { id: number; idNumberMasked: string; phoneMasked: string }[] }).data;
  const row = data.find((x) => x.id === caseId)!;
  assert.deepEqual([row.idNumberMasked, row.phoneMasked], ['110***********8515', '138****1234']);
  const one = await handler.json('GET', `/api/v1/requests/${caseId}`);
  assert.equal(one.statusCode, 200);
  assert.ok(!one.body.includes(ID) && !one.body.includes(PHONE));
  const form = await handler.post(`/api/v1/requests/${caseId}/steps`, { type: 'close' });
  assert.equal(form.statusCode, 415, 'a form post (possible CSRF) to a staff write is refused');
  const close = await handler.json('POST', `/api/v1/requests/${caseId}/steps`, { type: 'close' });
  assert.equal(close.statusCode, 200, close.body);
  assert.equal((await t.db.db.selectFrom('request_cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status, 'closed');
  const again = await handler.json('POST', `/api/v1/requests/${caseId}/steps`, { type: 'close' });
  assert.equal(again.statusCode, 422);
  assert.equal((again.json() as { error: { code: string } }).error.code, 'invalid_transition');
  assert.equal((await supervisor.json('POST', `/api/v1/requests/${caseId}/steps`, { type: 'close' })).statusCode, 403);
});

test('staff enter a paper application (in person): the Art. 31 date is the day it was handed in', async () => {
  const form = await handler.get('/admin/requests/new');
  assert.equal(form.statusCode, 200);
  const unitId = /<option value="(\d+)"[^>]*>测试市司法局<\/option>/.exec(form.body)![1];
  const bad = await handler.submit('/admin/requests/new', '/admin/requests', { ...application(), unit_id: unitId, channel: 'post', signed_for: '' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /href="#f-signed_for"/);
  const ok = await handler.submit('/admin/requests/new', '/admin/requests', { ...application({ id_number: '' }), unit_id: unitId, channel: 'letter', arrived: '2024-11-04', confirmed: '2024-11-05' });
  assert.equal(ok.statusCode, 201, ok.body.slice(0, 600));
  assert.match(ok.body, /平信应当于收到当日与申请人确认/);
  const { trackingNo } = codesFrom(ok.body);
  const row = await t.db.db.selectFrom('request_cases').select(['status', 'received_on', 'channel', 'id_number_enc']).where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'registered', received_on: '2024-11-05', channel: 'letter', id_number_enc: null });
});

test('条例 第三十五条 on the case page: ask for reasons (handler), a later due date (reviewer); an earlier date → 422 with the rule', async () => {
  const form = await handler.get('/admin/requests/new');
  const unitId = /<option value="(\d+)"[^>]*>测试市司法局<\/option>/.exec(form.body)![1];
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const ok = await handler.submit('/admin/requests/new', '/admin/requests', { ...application(), unit_id: unitId, channel: 'in_person', handed_in: today });
  assert.equal(ok.statusCode, 201);
  const { trackingNo } = codesFrom(ok.body);
  const id = (await t.db.db.selectFrom('request_cases').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow()).id;
  const casePage = `/admin/requests/${id}`;
  assert.equal((await handler.submit(casePage, `${casePage}/steps`, { type: 'accept', date: today })).statusCode, 303);
  const hp = await handler.get(casePage);
  assert.match(hp.body, /<summary>要求申请人说明理由<span class="hint">（条例第三十五条）<\/span><\/summary>/);
  assert.match(hp.body, /要求说明理由不中止答复期限/);
  assert.ok(!hp.body.includes('<summary>确定延迟答复的合理期限'), 'a handler does not set the later date');
  const bad = await handler.submit(casePage, `${casePage}/steps`, { type: 'request_reasons', date: today, facts: '', reply_by: today });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /须写明申请数量、频次明显超过合理范围的事实/);
  const replyBy = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  assert.equal((await handler.submit(casePage, `${casePage}/steps`, { type: 'request_reasons', date: today, facts: '一个月内提出申请62件', reply_by: replyBy })).statusCode, 303);
  const rp = await reviewer.get(casePage);
  const due = (await t.db.db.selectFrom('request_cases').select('due_on').where('id', '=', id).executeTakeFirstOrThrow()).due_on!;
  assert.match(rp.body, new RegExp(`当前答复期限：${due}`), 'the form shows the current due date');
  const early = await reviewer.submit(casePage, `${casePage}/steps`, { type: 'set_reasonable_period', date: today, due_date: due, reason: '逐件审查', approved_by: '张主任' });
  assert.equal(early.statusCode, 422);
  assert.match(early.body, /须晚于当前的答复期限/);
  const later = new Date(Date.parse(`${due}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  assert.equal((await reviewer.submit(casePage, `${casePage}/steps`, { type: 'set_reasonable_period', date: today, due_date: later, reason: '逐件审查', approved_by: '张主任' })).statusCode, 303);
  const after = await reviewer.get(casePage);
  assert.match(after.body, new RegExp(`<dd id="due-on">${Number(later.slice(0, 4))}年${Number(later.slice(5, 7))}月${Number(later.slice(8))}日</dd>`));
  assert.match(after.body, /依照《条例》第三十五条确定延迟答复的合理期限/);
  assert.match(after.body, /延迟答复告知书/);
});

test('no log line of the whole staff flow carries personal data', async () => {
  assert.ok(t.logs.length > 20);
  for (const secret of [ID, PHONE, ADDRESS, 'wang@example.com']) assert.equal(t.logs.find((l) => l.includes(secret)), undefined, secret);
});
