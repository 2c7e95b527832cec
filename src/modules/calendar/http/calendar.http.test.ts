/**
 * /admin/calendar through the app: a year is loaded only by an explicit confirmation (one entered day
 * loads nothing), scopes shown by name and chosen from a list, unusual entries confirmed not refused,
 * the annual notice imported after a preview, and the citizen's status page saying a due date in a year
 * not loaded is provisional (and never 元旦).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { requestsTree, ctxFor, paperApplication } from '../../requests/store/fixtures.test-helper.ts';
import { registerByStaff } from '../../requests/intake-commands.ts';
import { invalidateCalendar } from '../../../core/calendar/store.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof requestsTree>>;
before(async () => {
  t = await testApp();
  tree = await requestsTree(t.db.db);
  invalidateCalendar();
});
after(async () => t.close());

const yearRow = (html: string, year: number) => new RegExp(`<th scope="row">${year}</th>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
const count = async (scope = 'national') => (await t.db.db.selectFrom('calendar_overrides').select('id').where('scope', '=', scope).execute()).length;

test('scopes are named (全国 / 测试县（211302）) and chosen from a list; the old hint is gone', async () => {
  const sys = new Client(t.app);
  await sys.login('sysadmin', PASSWORD);
  const page = await sys.get('/admin/calendar');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<select id="f-scope" name="scope"[^>]*><option value="national" selected>全国<\/option><option value="county:211302">测试县（211302）<\/option><\/select>/);
  assert.doesNotMatch(page.body, /national 表示全国/);
  // a county admin: only its county, and a national entry is refused
  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  const own = await county.get('/admin/calendar');
  assert.match(own.body, /<select id="f-scope" name="scope"[^>]*><option value="county:211302" selected>测试县（211302）<\/option><\/select>/);
  const token = await county.csrf('/admin/calendar');
  const nat = await county.post('/admin/calendar', { _csrf: token, date: '2027-01-04', is_workday: '0', scope: 'national', source: '示例' });
  assert.equal(nat.statusCode, 403);
  const ok = await county.post('/admin/calendar', { _csrf: token, date: '2027-07-12', is_workday: '0', scope: 'county:211302', name: '那达慕', source: '测试县示例通知' });
  assert.equal(ok.statusCode, 303);
  const list = (await county.get('/admin/calendar')).body;
  assert.match(list, /<td>测试县（211302）<\/td><td>那达慕<\/td>/);
  assert.doesNotMatch(list, /<td>county:211302<\/td>/);
});

test('entering one 2027 holiday does not load 2027 (the audit’s defect)', async () => {
  const sys = new Client(t.app);
  await sys.login('sysadmin', PASSWORD);
  const token = await sys.csrf('/admin/calendar');
  const r = await sys.post('/admin/calendar', { _csrf: token, date: '2027-01-01', is_workday: '0', scope: 'national', name: '元旦', source: '国办发明电〔2026〕示例号' });
  assert.equal(r.statusCode, 303);
  const page = (await sys.get('/admin/calendar')).body;
  assert.doesNotMatch(page, /已覆盖 2004–2027/);
  assert.match(yearRow(page, 2027), /未载入/);
  assert.match(yearRow(page, 2026), /已载入[\s\S]*内置数据（chinese-days/);
  // the dashboard still warns about 2027 (from 1 December on)
  const dash = (await sys.get('/admin')).body;
  if (new Date().toISOString().slice(5, 10) >= '12-01' || new Date().getUTCFullYear() >= 2027) assert.match(dash, /尚未载入2027年的节假日安排/);
  // confirming the year needs entries first (here there is one) and a notice number
  const bad = await sys.post('/admin/calendar/years', { _csrf: token, year: '2028', scope: 'national', source: '示例' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /尚未录入2028年的任何放假日期/);
  const pkg = await sys.post('/admin/calendar/years', { _csrf: token, year: '2026', scope: 'national', source: '示例' });
  assert.equal(pkg.statusCode, 422);
  assert.match(pkg.body, /内置的节假日数据完整提供/);
});

test('an unusual entry is shown back for confirmation, then saved — never refused', async () => {
  const sys = new Client(t.app);
  await sys.login('sysadmin', PASSWORD);
  const token = await sys.csrf('/admin/calendar');
  const before = await count();
  // 2027-01-09 is a Saturday: a day off anyway
  const ask = await sys.post('/admin/calendar', { _csrf: token, date: '2027-01-09', is_workday: '0', scope: 'national', source: '示例' });
  assert.equal(ask.statusCode, 200);
  assert.match(ask.body, /id="entry-warning"[\s\S]*2027-01-09 是星期六，本来就是休息日/);
  assert.match(ask.body, /<input type="hidden" name="confirm" value="1"\/>/);
  assert.match(ask.body, /确认保存/);
  assert.equal(await count(), before, 'nothing stored before the confirmation');
  // a weekday as a working day is asked about too
  const ask2 = await sys.post('/admin/calendar', { _csrf: token, date: '2027-01-06', is_workday: '1', scope: 'national', source: '示例' });
  assert.match(ask2.body, /星期三，本来就是工作日/);
  // bad input is refused, not offered for confirmation
  const bad = await sys.post('/admin/calendar', { _csrf: token, date: '2027-01-09', is_workday: '0', scope: 'national', source: '' });
  assert.equal(bad.statusCode, 422);
  const saved = await sys.post('/admin/calendar', { _csrf: token, date: '2027-01-09', is_workday: '0', scope: 'national', source: '示例', confirm: '1' });
  assert.equal(saved.statusCode, 303);
  assert.equal(await count(), before + 1);
});

const NOTICE = `年份：2027
文号：国办发明电〔2026〕示例号
元旦：2027-01-01至2027-01-03
春节：2月5日至11日；上班：2月14日、2月20日
国庆节：10月1日至7日；上班：9月26日、10月9日`;

let applicant: { trackingNo: string; queryCode: string };
const statusPage = async () => new Client(t.app).submit('/ysqgk/status', '/ysqgk/status', { tracking: applicant.trackingNo, code: applicant.queryCode });

test('the citizen’s status page: a due date in a year not loaded is provisional, and never 元旦 (the audit’s case)', async () => {
  // received 2026-12-04: 20 working days run into 2027, whose notice is not loaded (one entered day does not load it)
  const handler = await ctxFor(t.db.db, 'handler');
  applicant = await registerByStaff(t.db.db, t.cfg, handler, tree.bureau.id, paperApplication('2026-12-04'), { today: '2026-12-04' });
  const c = await t.db.db.selectFrom('request_cases').select(['due_on']).where('tracking_no', '=', applicant.trackingNo).executeTakeFirstOrThrow();
  // Dec 7–11, 14–18, 21–25, 28–31 = 19; 2027-01-01 元旦 is a day off even before the notice; 01-04 = 20
  assert.equal(c.due_on, '2027-01-04');
  const status = await statusPage();
  assert.equal(status.statusCode, 200);
  assert.match(status.body, /<dd id="due-date">2027年1月4日/);
  assert.match(status.body, /id="due-provisional">该日期按双休日推算，待国家公布节假日安排后可能调整。/);
  // staff see it too
  const staff = new Client(t.app);
  await staff.login('handler', PASSWORD);
  const casePage = await staff.get(`/admin/requests/${(await t.db.db.selectFrom('request_cases').select('id').where('tracking_no', '=', applicant.trackingNo).executeTakeFirstOrThrow()).id}`);
  assert.match(casePage.body, /（暂定，待国家公布节假日安排）/);
  assert.match(casePage.body, /2027年的日期为暂定/);
});

test('import the annual notice: preview writes nothing; the import writes every day and confirms the year', async () => {
  const sys = new Client(t.app);
  await sys.login('sysadmin', PASSWORD);
  const token = await sys.csrf('/admin/calendar/import');
  const before = await count();
  const bad = await sys.post('/admin/calendar/import', { _csrf: token, step: 'preview', scope: 'national', text: '年份：2027\n文号：x\n春节：2月30日' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /第 3 行：放假日期不是有效日期/);
  const preview = await sys.post('/admin/calendar/import', { _csrf: token, step: 'preview', scope: 'national', text: NOTICE, mark_complete: '1' });
  assert.equal(preview.statusCode, 200);
  assert.match(preview.body, /预览：2027年（全国），依据 国办发明电〔2026〕示例号/);
  // 3 + 7 + 7 days off, 4 make-up days; 2027-01-01 already entered (same), 01-09 is not in the notice
  assert.match(preview.body, /新增 20 天，修改 0 天，已有且相同 1 天/);
  assert.match(preview.body, /导入后确认2027年安排已完整载入/);
  assert.equal(await count(), before, 'the preview writes nothing');
  const commit = await sys.post('/admin/calendar/import', { _csrf: token, step: 'commit', scope: 'national', text: NOTICE, mark_complete: '1' });
  assert.equal(commit.statusCode, 303);
  assert.equal(await count(), before + 20);
  const page = (await sys.get('/admin/calendar?month=2027-02')).body;
  assert.match(yearRow(page, 2027), /已载入[\s\S]*管理员确认（国办发明电〔2026〕示例号）/);
  assert.match(page, /<td class="makeup">14<small>调休上班<\/small>/);
  assert.match(page, /<td class="holiday">5<small>春节<\/small>/);
  const ev = await t.db.db.selectFrom('audit_log').select(['summary']).where('action', '=', 'calendar.notice.import').executeTakeFirstOrThrow();
  assert.deepEqual((ev.summary as { after: Record<string, unknown> }).after, { year: 2027, scope: 'national', source: '国办发明电〔2026〕示例号', added: 20, changed: 0, unchanged: 1, marked_complete: true });
  // withdrawing the confirmation makes the year provisional again
  const reopen = await sys.post('/admin/calendar/years/reopen', { _csrf: token, year: '2027', scope: 'national' });
  assert.equal(reopen.statusCode, 303);
  assert.match(yearRow((await sys.get('/admin/calendar')).body, 2027), /未载入/);
  assert.match((await statusPage()).body, /id="due-provisional"/, 'provisional again');
  const mark = await sys.post('/admin/calendar/years', { _csrf: token, year: '2027', scope: 'national', source: '国办发明电〔2026〕示例号' });
  assert.equal(mark.statusCode, 303);
  assert.match(yearRow((await sys.get('/admin/calendar')).body, 2027), /已载入/);
  // the applicant's page no longer calls the date provisional
  assert.doesNotMatch((await statusPage()).body, /id="due-provisional"/);
  // a county admin may not import a national notice
  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  const ct = await county.csrf('/admin/calendar/import');
  const forbidden = await county.post('/admin/calendar/import', { _csrf: ct, step: 'commit', scope: 'national', text: NOTICE });
  assert.equal(forbidden.statusCode, 403);
});

