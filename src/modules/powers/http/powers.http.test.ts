/**
 * Through the app: the yearly workflow (editor drafts and submits, reviewer publishes), scope (an
 * editor of one unit cannot see or change another's list), the XLSX import preview with errors by
 * row and column (422, nothing stored) and its confirmation, the XLSX export read back, the 流程图,
 * public pages (types with counts, filter, item, yearly diff), the JSON API, the OpenAPI document,
 * and the JSONL round trip of the CLI.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/node';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { demoQr } from '../../media/demo/media.ts';
import { createList, importItems, moveList } from '../commands.ts';
import { sheetRows, SHEET_HEADER, type ItemInput } from '../domain/rules.ts';
import { exportLines, importLines } from '../jsonl.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let otherList: number;
const sys = systemContext('test');
const item = (code: string, name: string, extra: Partial<ItemInput> = {}): ItemInput => ({ type: 'licensing', code, name, basis: '《中华人民共和国律师法》第十八条', subject: '测试市司法局', duties: '受理、审查、决定', accountability: '不依法受理的', ...extra });

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  const l19 = await createList(t.db.db, sys, tree.bureau.id, 2019);
  await importItems(t.db.db, sys, l19, [item('SFJ-1', '律师事务所设立许可'), item('SFJ-2', '法律援助', { type: 'payment' }), item('SFJ-3', '人民调解员培训', { type: 'other' })], 'test');
  await moveList(t.db.db, sys, l19, 'publish');
  const l20 = await createList(t.db.db, sys, tree.bureau.id, 2020);
  await importItems(t.db.db, sys, l20, [item('SFJ-1', '律师事务所设立许可', { basis: '《中华人民共和国律师法》第十八条、第十九条' }), item('SFJ-2', '法律援助', { type: 'payment' }), item('SFJ-4', '对律师违法执业的处罚', { type: 'penalty' })], 'test');
  await moveList(t.db.db, sys, l20, 'publish');
  otherList = await createList(t.db.db, sys, tree.other.id, 2020);
  await importItems(t.db.db, sys, otherList, [item('WJW-1', '医疗机构执业登记', { subject: '测试市卫生健康委员会' })], 'test');
});
after(async () => {
  await t.close();
});

async function signedIn(user: string) {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
}
function multipart(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Uint8Array }) {
  const boundary = '----powers' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), Buffer.from(file.data), Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}
async function postMultipart(c: Client, url: string, fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) {
  const m = multipart({ _csrf: await c.csrf('/admin/powers'), ...fields }, file);
  return t.app.inject({ method: 'POST', url, payload: m.body, headers: { 'content-type': m.type, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}
const xlsx = async (rows: string[][]) => new Uint8Array(await writeXlsxFile(rows).toBuffer());
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('public pages: the latest year by type with counts, the filter, an item, the yearly diff', async () => {
  const page = await t.app.inject({ url: '/u/bureau/powers' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /2020年度权责清单/);
  assert.match(page.body, /行政处罚<\/a>（1）/);
  assert.match(page.body, /行政征收（0）/);
  const en = await t.app.inject({ url: '/u/bureau/powers', headers: { cookie: 'lang=en' } });
  assert.match(en.body, /Penalties<\/a> \(1\)/);
  assert.match(en.body, /Changes from the previous year/);
  assert.doesNotMatch(page.body, /人民调解员培训/); // removed in 2020
  const filtered = await t.app.inject({ url: '/u/bureau/powers?year=2020&q=' + encodeURIComponent('第十九条') });
  assert.match(filtered.body, /找到 1 项/);
  assert.match(filtered.body, /律师事务所设立许可/);
  assert.doesNotMatch(filtered.body, /法律援助<\/a>/);
  const old = await t.app.inject({ url: '/u/bureau/powers?year=2019' });
  assert.match(old.body, /人民调解员培训/);
  assert.equal((await t.app.inject({ url: '/u/bureau/powers?year=2018' })).statusCode, 404);
  assert.equal((await t.app.inject({ url: '/u/bureau/powers?type=bogus' })).statusCode, 400);
  // a draft list is not public
  assert.match((await t.app.inject({ url: '/u/other/powers' })).body, /尚未发布权责清单/);
  // the city government publishes no list of its own: its page leads to its departments' lists (not an empty column);
  // the other department's draft is not among them, and a unit with nothing below says so plainly
  const city = (await t.app.inject({ url: '/u/city/powers' })).body;
  assert.match(city, /下列所属部门和下级单位分别公布/);
  assert.match(city, /<a href="\/u\/bureau\/powers">测试市司法局<\/a><span class="doclist-meta">2020年度，共 3 项/);
  assert.doesNotMatch(city, /\/u\/other\/powers/);
  assert.doesNotMatch((await t.app.inject({ url: '/u/town/powers' })).body, /所属部门和下级单位权责清单/);
  // a search on a unit without a list (found by the fuzz run: a 500) is the plain page
  const q = await t.app.inject({ url: '/u/town/powers?q=%3Cscript%3Ex(1)%3C%2Fscript%3E&type=penalty' });
  assert.equal(q.statusCode, 200);
  assert.doesNotMatch(q.body, /<script>x\(1\)/);

  const diff = await t.app.inject({ url: '/u/bureau/powers/diff?year=2020' });
  assert.equal(diff.statusCode, 200);
  assert.match(diff.body, /新增 1 项，取消 1 项，变更 1 项，未变 1 项/);
  assert.match(diff.body, /对律师违法执业的处罚/);
  assert.match(diff.body, /人民调解员培训/);
  assert.match(diff.body, /<ins>[^<]*第十九条/);

  const id = Number(/\/u\/bureau\/powers\/items\/(\d+)/.exec(page.body)![1]);
  const one = await t.app.inject({ url: `/u/bureau/powers/items/${id}` });
  assert.equal(one.statusCode, 200);
  assert.match(one.body, /追责情形/);
  assert.equal((await t.app.inject({ url: `/u/other/powers/items/${id}` })).statusCode, 404);
});

test('the API by unit, year and type; one item; bad input named; drafts hidden; in the OpenAPI document', async () => {
  const r = await t.app.inject({ url: `/api/v1/powers?unit=${CODES.bureau}&year=2020` });
  assert.equal(r.statusCode, 200);
  const body = r.json() as { count: number; data: { id: number; code: string; type_name: string; year: number; unit_code: string }[] };
  assert.equal(body.count, 3);
  assert.deepEqual(body.data.map((d) => d.code), ['SFJ-1', 'SFJ-2', 'SFJ-4']);
  assert.ok(body.data.every((d) => d.year === 2020 && d.unit_code === CODES.bureau));
  const pen = (await t.app.inject({ url: `/api/v1/powers?unit=${CODES.bureau}&type=penalty` })).json() as typeof body;
  assert.deepEqual(pen.data.map((d) => [d.code, d.type_name]), [['SFJ-4', '行政处罚']]);
  const all = (await t.app.inject({ url: `/api/v1/powers?unit=${CODES.city}` })).json() as typeof body;
  assert.equal(all.count, 6); // both published years of the bureau; the other unit's draft is not there
  const one = await t.app.inject({ url: `/api/v1/powers/${body.data[0].id}` });
  assert.equal(one.statusCode, 200);
  assert.equal((one.json() as { code: string }).code, 'SFJ-1');
  const bad = await t.app.inject({ url: `/api/v1/powers?unit=${CODES.bureau}&type=nope`, headers: { accept: 'application/json' } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /type/);
  assert.equal((await t.app.inject({ url: `/api/v1/powers?unit=${CODES.bureau}&year=20x0` })).statusCode, 400);
  assert.equal((await t.app.inject({ url: '/api/v1/powers?unit=000000000000000000' })).statusCode, 404);
  const draftItem = (await t.db.db.selectFrom('power_items').select('id').where('list_id', '=', otherList).executeTakeFirstOrThrow()).id;
  assert.equal((await t.app.inject({ url: `/api/v1/powers/${draftItem}` })).statusCode, 404);
  const doc = await t.app.inject({ url: '/api/docs/json' });
  assert.ok((doc.json() as { paths: Record<string, unknown> }).paths['/api/v1/powers']);
});

test('workflow and scope: the editor drafts, adds an item with a 流程图, submits; only a reviewer publishes; another unit stays out of reach', async () => {
  const editor = await signedIn('editor');
  const created = await editor.submit('/admin/powers', '/admin/powers', { unit: String(tree.bureau.id), year: '2021' });
  assert.equal(created.statusCode, 303, created.body);
  const listId = Number(/lists\/(\d+)/.exec(created.headers.location as string)![1]);
  const copied = await t.db.db.selectFrom('power_items').select('code').where('list_id', '=', listId).orderBy('code').execute();
  assert.deepEqual(copied.map((r) => r.code), ['SFJ-1', 'SFJ-2', 'SFJ-4']);
  const race = await Promise.allSettled([createList(t.db.db, sys, tree.county.id, 2021), createList(t.db.db, sys, tree.county.id, 2021)]);
  assert.deepEqual(race.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  assert.equal(((race.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as { status: number }).status, 422);
  const dupYear = await editor.submit('/admin/powers', '/admin/powers', { unit: String(tree.bureau.id), year: '2021' });
  assert.equal(dupYear.statusCode, 422);
  assert.match(dupYear.body, /2021 年度的清单已存在/);

  const missing = await postMultipart(editor, `/admin/powers/lists/${listId}/items`, { type: 'inspection', code: 'SFJ-5', name: '律所年度检查' });
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /请填写依据/);
  const badImg = await postMultipart(editor, `/admin/powers/lists/${listId}/items`, { ...item('SFJ-5', '律所年度检查'), type: 'inspection' }, { name: 'chart', filename: 'x.gif', type: 'image/gif', data: new TextEncoder().encode('GIF89a...') });
  assert.equal(badImg.statusCode, 422);
  assert.match(badImg.body, /流程图须为 JPEG 或 PNG/);
  const png = demoQr(3);
  const ok = await postMultipart(editor, `/admin/powers/lists/${listId}/items`, { ...item('SFJ-5', '律所年度检查'), type: 'inspection' }, { name: 'chart', filename: 'flow.png', type: 'image/png', data: png });
  assert.equal(ok.statusCode, 303, ok.body);
  const itemId = Number(/items\/(\d+)/.exec(ok.headers.location as string)![1]);

  // editors cannot publish; they submit
  const pub = await editor.submit(`/admin/powers/lists/${listId}`, `/admin/powers/lists/${listId}/status`, { to: 'publish' });
  assert.equal(pub.statusCode, 403);
  assert.equal((await editor.submit(`/admin/powers/lists/${listId}`, `/admin/powers/lists/${listId}/status`, { to: 'submit' })).statusCode, 303);
  const locked = await postMultipart(editor, `/admin/powers/items/${itemId}`, { ...item('SFJ-5', '改名'), type: 'inspection' });
  assert.equal(locked.statusCode, 409);
  const reviewer = await signedIn('reviewer');
  assert.equal((await reviewer.submit(`/admin/powers/lists/${listId}`, `/admin/powers/lists/${listId}/status`, { to: 'publish' })).statusCode, 303);
  const chart = await t.app.inject({ url: `/u/bureau/powers/items/${itemId}/chart` });
  assert.equal(chart.statusCode, 200);
  assert.equal(chart.headers['content-type'], 'image/png');
  assert.deepEqual(new Uint8Array(chart.rawPayload), png);
  assert.match((await t.app.inject({ url: '/u/bureau/powers' })).body, /2021年度权责清单/);

  // another unit's list: not found for this editor, whatever the route
  assert.equal((await editor.get(`/admin/powers/lists/${otherList}`)).statusCode, 404);
  assert.equal((await postMultipart(editor, `/admin/powers/lists/${otherList}/items`, { ...item('X-1', '越权') })).statusCode, 404);
  const otherItem = (await t.db.db.selectFrom('power_items').select('id').where('list_id', '=', otherList).executeTakeFirstOrThrow()).id;
  assert.equal((await editor.submit('/admin/powers', `/admin/powers/items/${otherItem}/delete`, {})).statusCode, 404);
  assert.equal((await editor.submit('/admin/powers', '/admin/powers', { unit: String(tree.other.id), year: '2021' })).statusCode, 404);
  assert.doesNotMatch((await editor.get('/admin/powers')).body, /卫生健康委员会/);

  const actions = (await t.db.db.selectFrom('audit_log').select('action').where((eb) => eb.or([eb.and([eb('subject_type', '=', 'power_list'), eb('subject_id', '=', String(listId))]), eb.and([eb('subject_type', '=', 'power_item'), eb('subject_id', '=', String(itemId))])])).orderBy('id').execute()).map((r) => r.action);
  assert.deepEqual(actions, ['power.list.create', 'power.item.create', 'power.list.submit', 'power.list.publish']);
});

test('XLSX: errors by row and column (422, nothing stored), a clean preview, confirmation, export read back', async () => {
  const editor = await signedIn('editor');
  const listId = await createList(t.db.db, sys, tree.bureau.id, 2018);
  const before = await t.db.db.selectFrom('power_items').select('code').where('list_id', '=', listId).execute();
  const bad = await xlsx([SHEET_HEADER, ...sheetRows([item('A-1', '甲')]).slice(1), ['行政指导', 'A-2', '乙', '', '主体', '', '']]);
  const r = await postMultipart(editor, `/admin/powers/lists/${listId}/import`, {}, { name: 'file', filename: 'list.xlsx', type: XLSX_TYPE, data: bad });
  assert.equal(r.statusCode, 422, r.body);
  assert.match(r.body, /第 3 行，A（权力类型） 列/);
  assert.match(r.body, /第 3 行，D（依据） 列/);
  assert.doesNotMatch(r.body, /确认导入/);
  assert.deepEqual(await t.db.db.selectFrom('power_items').select('code').where('list_id', '=', listId).execute(), before);
  const notXlsx = await postMultipart(editor, `/admin/powers/lists/${listId}/import`, {}, { name: 'file', filename: 'list.xlsx', type: XLSX_TYPE, data: new TextEncoder().encode('名称,编码\n') });
  assert.equal(notXlsx.statusCode, 422);
  assert.match(notXlsx.body, /不是有效的 Excel 表格/);

  const good = await xlsx(sheetRows([item('B-1', '丙'), item('B-2', '丁', { type: 'reward' })]));
  const preview = await postMultipart(editor, `/admin/powers/lists/${listId}/import`, {}, { name: 'file', filename: 'list.xlsx', type: XLSX_TYPE, data: good });
  assert.equal(preview.statusCode, 200, preview.body);
  assert.match(preview.body, /读取到 2 项/);
  const items = /name="items" value="([^"]+)"/.exec(preview.body)![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const done = await editor.submit(`/admin/powers/lists/${listId}`, `/admin/powers/lists/${listId}/import/confirm`, { items });
  assert.equal(done.statusCode, 303, done.body);
  const after = await t.db.db.selectFrom('power_items').select(['code', 'type']).where('list_id', '=', listId).orderBy('code').execute();
  assert.deepEqual(after, [{ code: 'B-1', type: 'licensing' }, { code: 'B-2', type: 'reward' }]);
  const tampered = await editor.submit(`/admin/powers/lists/${listId}`, `/admin/powers/lists/${listId}/import/confirm`, { items: JSON.stringify([{ code: 'C-1' }]) });
  assert.equal(tampered.statusCode, 422);

  const exp = await editor.get(`/admin/powers/lists/${listId}/export.xlsx`);
  assert.equal(exp.statusCode, 200);
  assert.equal(exp.headers['content-type'], XLSX_TYPE);
  const rows = await readSheet(exp.rawPayload);
  assert.deepEqual(rows[0], SHEET_HEADER);
  assert.deepEqual(rows.slice(1).map((row) => [row[0], row[1]]), [['行政许可', 'B-1'], ['行政奖励', 'B-2']]);
});

test('JSONL: export, import elsewhere, and a bad line refuses the whole file', async () => {
  const lines = await exportLines(t.db.db, { unitCode: CODES.bureau, year: 2019 });
  assert.equal(lines.length, 3);
  const moved = lines.map((l) => JSON.stringify({ ...JSON.parse(l), unit: CODES.county, year: 2017 })).join('\n');
  const r = await importLines(t.db.db, sys, moved, { publish: true });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.lists, [{ unit: CODES.county, year: 2017, added: 3, updated: 0, removed: 0 }]);
  assert.equal((await exportLines(t.db.db, { unitCode: CODES.county })).length, 3);
  const bad = await importLines(t.db.db, sys, `${lines[0]}\nnot json\n${JSON.stringify({ ...JSON.parse(lines[1]), year: 1999, basis: '' })}`);
  assert.deepEqual(bad.errors.map((e) => [e.line, e.field]), [[2, '-'], [3, 'year'], [3, 'basis']]);
  assert.equal(bad.lists.length, 0);
});
