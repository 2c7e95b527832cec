/**
 * Through the app: the public catalog page and the column-navigation entry, the API (states, links,
 * bad input named, OpenAPI), the coverage report (fulfilled and overdue rows; scope), the workflow
 * and scope of the admin pages (editor drafts and submits, reviewer publishes, another unit's staff
 * get 404), fulfilment links limited to the unit's subtree, XLSX preview/confirm/export, JSONL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/node';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { createUser } from '../../accounts/commands/users.ts';
import { validInput } from '../../documents/store/fixtures.test-helper.ts';
import { createDocument, publishDocument, reviewDocument, submitDocument } from '../../documents/commands.ts';
import { addLink, createCatalog, importRows, moveCatalog, setTrigger } from '../commands.ts';
import { sheetRows, validateRow, type RowValue } from '../domain/rules.ts';
import { exportLines, importLines } from '../jsonl.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let countyCat: number;
let docId: number;
let bureauDoc: number;
const sys = systemContext('test');
const row = (seq: number, item2: string, extra: Record<string, unknown> = {}): RowValue =>
  validateRow({ seq: String(seq), item1: '政策文件', item2, content: '招生范围、报名时间', basis: '《中华人民共和国义务教育法》', deadline: '信息形成或者变更之日起20个工作日内', subject: '测试县教育局', channels: ['website', 'board'], audiences: ['public'], modes: ['proactive'], levels: ['county'], ...extra }).value;
const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);

async function publishedDoc(unitId: number, title: string, columns: string[] = []) {
  const d = await createDocument(t.db.db, sys, unitId, validInput({ title, docNumber: null, writtenDate: shanghaiDate(), columns }));
  await submitDocument(t.db.db, sys, d.document.id);
  await reviewDocument(t.db.db, sys, d.document.id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db.db, sys, d.document.id, { lateReason: '测试' });
  return d.document.id;
}

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  for (const [u, role] of [['ceditor', 'editor'], ['creviewer', 'reviewer']]) await createUser(t.db.db, sys, { username: u, display_name: u, password: PASSWORD, unit_code: CODES.county, grants: [{ role, unit_code: CODES.county }] });
  const leaf = await t.db.db.selectFrom('doc_columns as c').select(['c.id', 'c.slug']).where('c.unit_id', '=', tree.county.id)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('doc_columns as k').select('k.id').whereRef('k.parent_id', '=', 'c.id')))).where('c.slug', '!=', 'guide').orderBy('c.id').executeTakeFirstOrThrow();
  docId = await publishedDoc(tree.county.id, '测试县2020年义务教育招生入学工作方案', [leaf.slug]);
  bureauDoc = await publishedDoc(tree.bureau.id, '测试市司法局普法通知');
  countyCat = await createCatalog(t.db.db, sys, tree.county.id, '21', 2020);
  await importRows(t.db.db, sys, countyCat, [row(1, '招生入学政策'), row(2, '学校名录'), row(3, '资助名单', { deadline: '名单确定后10个工作日内' })], 'test');
  await moveCatalog(t.db.db, sys, countyCat, 'publish');
  const ids = (await t.db.db.selectFrom('catalog_rows').select('id').where('catalog_id', '=', countyCat).orderBy('seq').execute()).map((r) => r.id);
  await addLink(t.db.db, sys, ids[0], { document: String(docId) });
  await setTrigger(t.db.db, sys, ids[0], yesterday); // published today, after the change: fulfilled
  await setTrigger(t.db.db, sys, ids[1], '2020-09-28'); // nothing linked, limit long past: overdue
  await addLink(t.db.db, sys, ids[2], { column: String(leaf.id) }); // the column published: fulfilled
  const townCat = await createCatalog(t.db.db, sys, tree.town.id, '社会救助', 2020);
  await importRows(t.db.db, sys, townCat, [row(1, '低保名单', { levels: ['township'], deadline: '实时公开' })], 'test');
});
after(async () => {
  await t.close();
});

async function signedIn(user: string) {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
}
function multipart(fields: Record<string, string>, file: { filename: string; data: Uint8Array }) {
  const boundary = '----catalogs' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${XLSX_TYPE}\r\n\r\n`), Buffer.from(file.data), Buffer.from('\r\n'), Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
async function upload(c: Client, catId: number, data: Uint8Array) {
  const m = multipart({ _csrf: await c.csrf('/admin/catalogs') }, { filename: 'c.xlsx', data });
  return t.app.inject({ method: 'POST', url: `/admin/catalogs/${catId}/import`, payload: m.body, headers: { 'content-type': m.type, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

test('public page: areas, rows with where to find them; English; drafts hidden; bad input named; linked from the 政府信息公开 column', async () => {
  const page = await t.app.inject({ url: '/u/county/catalogs' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /义务教育领域（2020年度）/);
  assert.match(page.body, /招生入学政策/);
  assert.match(page.body, new RegExp(`href="/u/county/doc/${docId}"`));
  assert.match(page.body, /政府网站、社区\/企事业单位\/村公示栏/);
  const en = await t.app.inject({ url: '/u/county/catalogs', headers: { cookie: 'lang=en' } });
  assert.match(en.body, /Compulsory education \(2020\)/);
  assert.match(en.body, /Where to find it/);
  assert.match((await t.app.inject({ url: '/u/town/catalogs' })).body, /尚未发布标准目录/);
  const bad = await t.app.inject({ url: '/u/county/catalogs?area=99' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /领域/);
  assert.equal((await t.app.inject({ url: '/u/county/catalogs?area=17' })).statusCode, 404);
  assert.equal((await t.app.inject({ url: '/u/county/catalogs?year=2019' })).statusCode, 404);
  assert.match((await t.app.inject({ url: '/u/county/xxgk/' })).body, /href="\/u\/county\/catalogs"/);
  assert.doesNotMatch((await t.app.inject({ url: '/u/bureau/xxgk/' })).body, /\/catalogs"/);
});

test('the API: rows with state and links, by unit and area; drafts hidden; bad input named; in the OpenAPI document', async () => {
  const r = await t.app.inject({ url: `/api/v1/catalogs?unit=${CODES.county}&area=21` });
  assert.equal(r.statusCode, 200);
  const body = r.json() as { count: number; data: { item2: string; state: string; area_name: string; deadline_kind: string; deadline_n: number; links: { kind: string; url: string }[]; due: string | null }[] };
  assert.equal(body.count, 3);
  assert.deepEqual(body.data.map((d) => [d.item2, d.state]), [['招生入学政策', 'fulfilled'], ['学校名录', 'overdue'], ['资助名单', 'fulfilled']]);
  assert.equal(body.data[0].area_name, '义务教育');
  assert.deepEqual([body.data[2].deadline_kind, body.data[2].deadline_n], ['workdays', 10]);
  assert.equal(body.data[1].due, '2020-11-02');
  assert.deepEqual(body.data[0].links.map((l) => l.kind), ['document']);
  assert.equal((await t.app.inject({ url: `/api/v1/catalogs?unit=${CODES.city}` })).json().count, 3); // the town's draft is not there
  const bad = await t.app.inject({ url: `/api/v1/catalogs?unit=${CODES.county}&area=xx`, headers: { accept: 'application/json' } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /area/);
  assert.equal((await t.app.inject({ url: '/api/v1/catalogs?year=20x0' })).statusCode, 400);
  assert.equal((await t.app.inject({ url: '/api/v1/catalogs?unit=000000000000000000' })).statusCode, 404);
  const doc = await t.app.inject({ url: '/api/docs/json' });
  assert.ok((doc.json() as { paths: Record<string, unknown> }).paths['/api/v1/catalogs']);
});

test('coverage: counts and the overdue list for the county and its townships; other staff are out of scope', async () => {
  const admin = await signedIn('countyadmin');
  const cov = await admin.get('/admin/catalogs/coverage?unit=county');
  assert.equal(cov.statusCode, 200);
  assert.match(cov.body, /测试县人民政府<\/a><\/th><td>3<\/td><td>2<\/td><td>0<\/td><td>0<\/td><td>1<\/td><td>0<\/td>/);
  assert.match(cov.body, /测试县某镇人民政府<\/a><\/th><td>1<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>1<\/td>/);
  assert.match(cov.body, /需要处理的事项（2）/);
  assert.match(cov.body, /学校名录[\s\S]*逾期未公开[\s\S]*2020-11-02/);
  const town = await admin.get('/admin/catalogs/coverage?unit=town');
  assert.doesNotMatch(town.body, /学校名录/);
  const editor = await signedIn('editor');
  assert.equal((await editor.get('/admin/catalogs/coverage?unit=county')).statusCode, 404);
});

test('workflow and scope: a county editor drafts a township catalog and submits; only a reviewer publishes; links stay in the subtree', async () => {
  const ed = await signedIn('ceditor');
  const badYear = await ed.submit('/admin/catalogs', '/admin/catalogs', { unit: String(tree.town.id), area: '20', year: '1999' });
  assert.equal(badYear.statusCode, 422);
  assert.match(badYear.body, /年度须在 2017 至/);
  const created = await ed.submit('/admin/catalogs', '/admin/catalogs', { unit: String(tree.town.id), area: '20', year: '2020' });
  assert.equal(created.statusCode, 303, created.body);
  const id = Number(/catalogs\/(\d+)/.exec(created.headers.location as string)![1]);
  assert.equal((await ed.submit('/admin/catalogs', '/admin/catalogs', { unit: String(tree.bureau.id), area: '20', year: '2020' })).statusCode, 404);

  const missing = await ed.submit(`/admin/catalogs/${id}/rows/new`, `/admin/catalogs/${id}/rows`, { seq: '1', item1: '补贴政策', item2: '耕地地力保护补贴', deadline: '尽快', channels: 'website' });
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /请填写公开依据/);
  assert.match(missing.body, /无法识别公开时限/);
  assert.match(missing.body, /请选择公开对象/);
  const ok = await ed.submit(`/admin/catalogs/${id}/rows/new`, `/admin/catalogs/${id}/rows`, { seq: '1', item1: '补贴政策', item2: '耕地地力保护补贴', content: '补贴对象、标准', basis: '《中华人民共和国农业法》', deadline: '20个工作日内', subject: '某镇人民政府', channels: ['website', 'board'], audiences: 'group', modes: 'proactive', levels: 'township' });
  assert.equal(ok.statusCode, 303, ok.body);
  const rowId = Number(/rows\/(\d+)/.exec(ok.headers.location as string)![1]);
  const saved = await t.db.db.selectFrom('catalog_rows').select(['channels', 'deadline_kind', 'deadline_n']).where('id', '=', rowId).executeTakeFirstOrThrow();
  assert.deepEqual(saved, { channels: ['website', 'board'], deadline_kind: 'workdays', deadline_n: 20 });

  // links: a document of another branch is refused, one of the county is not in the township's subtree either
  const far = await ed.submit(`/admin/catalogs/rows/${rowId}`, `/admin/catalogs/rows/${rowId}/links`, { kind: 'document', document: String(bureauDoc) });
  assert.equal(far.statusCode, 422);
  assert.equal((await ed.submit(`/admin/catalogs/rows/${rowId}`, `/admin/catalogs/rows/${rowId}/links`, { kind: 'document', document: String(docId) })).statusCode, 422);
  const badDate = await ed.submit(`/admin/catalogs/rows/${rowId}`, `/admin/catalogs/rows/${rowId}/trigger`, { trigger: '2020-13-01' });
  assert.equal(badDate.statusCode, 422);
  assert.match(badDate.body, /起算日期须为有效日期/);

  assert.equal((await ed.submit(`/admin/catalogs/${id}`, `/admin/catalogs/${id}/status`, { to: 'publish' })).statusCode, 403);
  assert.equal((await ed.submit(`/admin/catalogs/${id}`, `/admin/catalogs/${id}/status`, { to: 'submit' })).statusCode, 303);
  assert.equal((await ed.submit(`/admin/catalogs/rows/${rowId}`, `/admin/catalogs/rows/${rowId}`, { seq: '1', item1: 'x', item2: 'y', content: 'z', basis: 'b', deadline: '实时', subject: 's', channels: 'website', audiences: 'public', modes: 'proactive', levels: 'township' })).statusCode, 409);
  const rev = await signedIn('creviewer');
  assert.equal((await rev.submit(`/admin/catalogs/${id}`, `/admin/catalogs/${id}/status`, { to: 'publish' })).statusCode, 303);
  assert.match((await t.app.inject({ url: '/u/town/catalogs' })).body, /耕地地力保护补贴/);

  const other = await signedIn('editor');
  assert.equal((await other.get(`/admin/catalogs/${id}`)).statusCode, 404);
  assert.equal((await other.get(`/admin/catalogs/rows/${rowId}`)).statusCode, 404);
  assert.equal((await other.submit('/admin/catalogs', `/admin/catalogs/rows/${rowId}/delete`, {})).statusCode, 404);
  assert.doesNotMatch((await other.get('/admin/catalogs')).body, /测试县某镇/);
  const actions = (await t.db.db.selectFrom('audit_log').select('action').where((eb) => eb.or([eb.and([eb('subject_type', '=', 'catalog'), eb('subject_id', '=', String(id))]), eb.and([eb('subject_type', '=', 'catalog_row'), eb('subject_id', '=', String(rowId))])])).orderBy('id').execute()).map((r) => r.action);
  assert.deepEqual(actions, ['catalog.create', 'catalog.row.create', 'catalog.submit', 'catalog.publish']);
});

test('XLSX: errors by row and column (422, nothing stored), preview, confirm keeps links, export read back', async () => {
  const admin = await signedIn('countyadmin');
  const id = await createCatalog(t.db.db, sys, tree.county.id, '25', 2020);
  const good = sheetRows([row(1, '法律援助指南'), row(2, '调解组织名录', { audiences: ['public', 'group'] })]);
  const bad = [...good, ['3', '政策文件', '其他', '内容', '依据', '尽快', '', '主体', '政府网站', '全社会', '主动', '村级']];
  const r = await upload(admin, id, new Uint8Array(await writeXlsxFile(bad).toBuffer()));
  assert.equal(r.statusCode, 422, r.body);
  assert.match(r.body, /第 4 行，F（公开时限） 列/);
  assert.match(r.body, /第 4 行，L（公开层级） 列/);
  assert.equal((await t.db.db.selectFrom('catalog_rows').select('id').where('catalog_id', '=', id).execute()).length, 0);
  const notXlsx = await upload(admin, id, new TextEncoder().encode('序号,一级事项\n'));
  assert.equal(notXlsx.statusCode, 422);
  const preview = await upload(admin, id, new Uint8Array(await writeXlsxFile(good).toBuffer()));
  assert.equal(preview.statusCode, 200, preview.body);
  assert.match(preview.body, /读取到 2 项/);
  const items = /name="items" value="([^"]+)"/.exec(preview.body)![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  assert.equal((await admin.submit(`/admin/catalogs/${id}`, `/admin/catalogs/${id}/import/confirm`, { items })).statusCode, 303);
  assert.equal((await admin.submit(`/admin/catalogs/${id}`, `/admin/catalogs/${id}/import/confirm`, { items: JSON.stringify([{ seq: 1 }]) })).statusCode, 422);
  const exp = await admin.get(`/admin/catalogs/${id}/export.xlsx`);
  assert.equal(exp.statusCode, 200);
  const rows = await readSheet(exp.rawPayload);
  assert.deepEqual(rows.slice(1).map((x) => [x[2], x[9]]), [['法律援助指南', '全社会'], ['调解组织名录', '全社会、特定群体']]);
});

test('JSONL: export, import elsewhere and publish; a bad line refuses the whole file', async () => {
  const lines = await exportLines(t.db.db, { unitCode: CODES.county, area: '21' });
  assert.equal(lines.length, 3);
  const moved = lines.map((l) => JSON.stringify({ ...JSON.parse(l), unit: CODES.town, year: 2019 })).join('\n');
  const r = await importLines(t.db.db, sys, moved, { publish: true });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.catalogs, [{ unit: CODES.town, area: '21', year: 2019, added: 3, updated: 0, removed: 0 }]);
  const bad = await importLines(t.db.db, sys, `${lines[0]}\nnot json\n${JSON.stringify({ ...JSON.parse(lines[1]), area: '99', deadline: '尽快' })}`);
  assert.deepEqual(bad.errors.map((e) => [e.line, e.field]), [[2, '-'], [3, 'area'], [3, 'deadline']]);
  assert.equal(bad.catalogs.length, 0);
});
