/**
 * Through the app: the upload import (a bad record refuses the file, naming line and field, nothing
 * stored; a duplicate is refused; a county admin cannot import the city's plan), scope (a bureau's
 * editor sees the plan with its own unit only; the city's supervisor sees every unit), reports with
 * evidence (a published document verified, a draft refused, an external URL unverified, bad links and
 * missing fields → 422 naming the field, another unit → 403), flags and filters, the public API, the
 * JSON Lines export read back.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createDocument } from '../../documents/commands.ts';
import { validInput } from '../../documents/store/fixtures.test-helper.ts';
import { parsePlanFile } from '../jsonl.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let published: number;
let draft: number;
const sys = systemContext('test');

const FILE = [
  { type: 'plan', year: 2020, title: '测试市2020年政务公开工作要点', unit: 'city', issuer: '测试市政务公开领导小组' },
  { type: 'section', no: 1, title: '完成平台建设' },
  { type: 'task', section: 1, no: 1, title: '集中发布政策文件', text: '9月15日前上传。', lead: ['市司法局'], responsible: ['各县(市)区政府', '市政府各部门'], deadline: '2020-09-15', milestones: [{ date: '2020-09-15', text: '9月15日前上传' }], output: '专题栏目' },
  { type: 'task', section: 1, no: 2, title: '加强培训', lead: ['市统计局'], responsible: ['市政府各部门'], deadline: '长期坚持' },
];
const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  published = (await createDocument(t.db.db, sys, tree.bureau.id, validInput())).document.id;
  await t.db.db.updateTable('documents').set({ status: 'published', published_at: new Date('2020-09-10T02:00:00Z') }).where('id', '=', published).execute();
  draft = (await createDocument(t.db.db, sys, tree.bureau.id, validInput({ title: '草稿', docNumber: '测司发〔2020〕13号' }))).document.id;
});
after(async () => {
  await t.close();
});

async function signedIn(user: string) {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
}
async function upload(c: Client, text: string) {
  const boundary = '----wp' + Math.random().toString(16).slice(2);
  const token = await c.csrf('/admin/workplan');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.jsonl"\r\nContent-Type: application/json\r\n\r\n`), Buffer.from(text), Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: '/admin/workplan/import', payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}
const planId = async () => (await t.db.db.selectFrom('workplan_plans').select('id').executeTakeFirstOrThrow()).id;
const taskId = async (no: number) => (await t.db.db.selectFrom('workplan_tasks').select('id').where('no', '=', no).executeTakeFirstOrThrow()).id;

test('import by upload: a bad record refuses the file by line and field; a good one imports; duplicates and other governments are refused', async () => {
  const admin = await signedIn('sysadmin');
  const bad = await upload(admin, jsonl([...FILE.slice(0, 2), { ...FILE[2], deadline: '2020-02-30' }, FILE[3]]));
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /第 3 行 deadline/);
  assert.equal((await t.db.db.selectFrom('workplan_plans').select('id').execute()).length, 0);
  assert.equal((await upload(admin, '\u0000not json')).statusCode, 422);
  const ok = await upload(admin, jsonl(FILE));
  assert.equal(ok.statusCode, 303, ok.body);
  const page = await admin.get(ok.headers.location as string);
  assert.match(page.body, /已导入/);
  assert.match(page.body, /未匹配：市统计局/);
  const assigned = await t.db.db.selectFrom('workplan_assignments').innerJoin('units', 'units.id', 'workplan_assignments.unit_id').select(['slug', 'role', 'task_id']).execute();
  assert.deepEqual(assigned.filter((a) => a.role === 'lead').map((a) => a.slug), ['bureau']);
  assert.deepEqual(new Set(assigned.map((a) => a.slug)), new Set(['bureau', 'county', 'other'])); // not the township
  const dup = await upload(admin, jsonl(FILE));
  assert.equal(dup.statusCode, 422);
  assert.match(dup.body, /同一年度、同名/);
  const county = await signedIn('countyadmin');
  assert.equal((await upload(county, jsonl([{ ...FILE[0], title: '另一份' }, ...FILE.slice(1)]))).statusCode, 403);
  const editor = await signedIn('editor');
  assert.equal((await upload(editor, jsonl(FILE))).statusCode, 404);
});

test('reports: evidence verified or refused, fields named, other units refused; scope of what each sees', async () => {
  const task = await taskId(1);
  const editor = await signedIn('editor');
  const url = `/admin/workplan/tasks/${task}`;
  const page = await editor.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /测试市司法局/);
  assert.doesNotMatch(page.body, /测试县人民政府/); // the bureau's editor sees its own unit only
  const post = async (c: Client, form: Record<string, string>) => c.post(`${url}/reports`, { _csrf: await c.csrf(url), ...form });
  const missing = await post(editor, { unit: String(tree.bureau.id), body: '' });
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /请选择进展状态/);
  assert.match(missing.body, /请填写进展情况/);
  const drafted = await post(editor, { unit: String(tree.bureau.id), status: 'done', body: '已完成', evidence: `/u/bureau/doc/${draft}` });
  assert.equal(drafted.statusCode, 422);
  assert.match(drafted.body, /第 1 条链接：平台上没有这条已公开的信息/);
  const js = await post(editor, { unit: String(tree.bureau.id), status: 'done', body: '已完成', evidence: 'javascript:alert(1)' });
  assert.equal(js.statusCode, 422);
  const en = await editor.post(`${url}/reports`, { _csrf: await editor.csrf(url), unit: String(tree.bureau.id), status: 'done', body: 'x', reported_on: '2999-01-01' }, { cookie: `${[...editor.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; lang=en` });
  assert.equal(en.statusCode, 422);
  assert.match(en.body, /not after today/);
  assert.equal((await post(editor, { unit: String(tree.county.id), status: 'done', body: '越权' })).statusCode, 403);
  const good = await post(editor, { unit: String(tree.bureau.id), status: 'done', body: '已上传全部政策文件', evidence: `${t.app.deps.cfg.publicUrl}/u/city/doc/${published}\nhttps://www.gov.cn/zhengce/`, reported_on: '2020-09-14' });
  assert.equal(good.statusCode, 303, good.body);
  const after = await editor.get(url);
  assert.match(after.body, /已上传全部政策文件/);
  assert.match(after.body, new RegExp(`href="/u/bureau/doc/${published}"`)); // normalised to the document's own unit
  assert.match(after.body, /站内已核验/);
  assert.match(after.body, /外部链接，未核验/);
  const reviewer = await signedIn('reviewer');
  assert.doesNotMatch((await reviewer.get(url)).body, /报送进展/);
  assert.equal((await post(reviewer, { unit: String(tree.bureau.id), status: 'done', body: 'x' })).statusCode, 403);
  const audit = await t.db.db.selectFrom('audit_log').select(['action']).where('action', 'like', 'workplan.%').execute();
  assert.deepEqual(audit.map((a) => a.action).sort(), ['workplan.plan.import', 'workplan.report.create']);
});

test('flags and filters: overdue after the deadline unless done, unreported, standing tasks never overdue; the supervisor sees every unit', async () => {
  const sup = await signedIn('supervisor');
  const id = await planId();
  const all = await sup.get(`/admin/workplan/${id}`);
  assert.match(all.body, /显示 2 \/ 2 项任务/);
  const overdue = await sup.get(`/admin/workplan/${id}?flag=overdue`);
  assert.match(overdue.body, /显示 1 \/ 2 项任务/);
  assert.match(overdue.body, /集中发布政策文件/);
  assert.match(overdue.body, /1\/1\/3/); // done/reported/owed
  const byLead = await sup.get(`/admin/workplan/${id}?lead=${tree.bureau.id}`);
  assert.match(byLead.body, /显示 1 \/ 2 项任务/);
  assert.equal((await sup.get(`/admin/workplan/${id}?flag=bogus`)).statusCode, 400);
  const task = await sup.get(`/admin/workplan/tasks/${await taskId(1)}`);
  assert.match(task.body, /测试县人民政府/);
  assert.equal((task.body.match(/逾期未完成/g) ?? []).length, 2); // county and the other department; the bureau is done
  const county = await signedIn('countyadmin');
  const cp = await county.get(`/admin/workplan/tasks/${await taskId(1)}`);
  assert.match(cp.body, /测试县人民政府/);
  assert.doesNotMatch(cp.body, /测试市司法局<\/td>|已上传全部政策文件/);
  assert.equal((await county.get(`/admin/workplan/tasks/${await taskId(2)}`)).statusCode, 200); // the plan is visible; task 2 shows no county row
  assert.equal((await sup.get('/admin/workplan/99999')).statusCode, 404);
});

test('public API by year and the JSON Lines export read back', async () => {
  const api = await t.app.inject({ url: '/api/v1/workplan?year=2020' });
  assert.equal(api.statusCode, 200);
  const body = api.json() as { count: number; data: { tasks: { no: number; deadline: string; lead: { name: string; unit_code: string | null }[]; progress: { units: number; done: number; flags: string[] } }[] }[] };
  assert.equal(body.count, 1);
  const [t1, t2] = body.data[0].tasks;
  assert.deepEqual(t1.lead, [{ name: '市司法局', unit_code: tree.bureau.code }]);
  assert.deepEqual([t1.progress.units, t1.progress.done, t1.progress.flags], [3, 1, ['overdue', 'unreported']]);
  assert.deepEqual(t2.lead, [{ name: '市统计局', unit_code: null }]);
  assert.equal(t2.deadline, '长期坚持');
  assert.doesNotMatch(api.body, /已上传全部政策文件/); // report texts are internal
  assert.equal((await t.app.inject({ url: '/api/v1/workplan?year=20' })).statusCode, 400);
  assert.equal((await t.app.inject({ url: '/api/v1/workplan?year=2019' })).json().count, 0);
  const sup = await signedIn('supervisor');
  const exp = await sup.get(`/admin/workplan/${await planId()}/export.jsonl`);
  assert.equal(exp.statusCode, 200);
  const { plan, errors } = parsePlanFile(exp.body);
  assert.deepEqual(errors, []);
  assert.deepEqual(plan!.tasks.map((x) => [x.no, x.lead, x.deadline]), [[1, ['市司法局'], '2020-09-15'], [2, ['市统计局'], null]]);
  const openapi = await t.app.inject({ url: '/openapi.json' });
  if (openapi.statusCode === 200) assert.match(openapi.body, /\/api\/v1\/workplan/);
});
