/**
 * Staff create forms carry a one-time key (#14.8, "idempotency on every create form"): the same POST
 * twice — double click, reload after a slow save — makes one record, and both go to it. Walked on the
 * demo: two identical POSTs of the training form made /admin/training/4 and /admin/training/5.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { countWhere, twice } from './staff-create-once.test-helper.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t?.close());

async function signedIn(username: string) {
  const c = new Client(t.app);
  await c.login(username, PASSWORD);
  return c;
}

const n = (table: 'trainings' | 'service_guides' | 'interviews' | 'decisions', col: string, value: string) => countWhere(t.db.db, table, col, value);

test('training: the same POST twice records one training', async () => {
  const sup = await signedIn('supervisor');
  const [a, b, other] = await twice(sup, '/admin/training', '/admin/training', { unit: String(tree.city.id), held_on: '2020-05-20', organiser: '公开科', hours: '1.5', topic: '重复提交只记一次' });
  assert.equal(a.statusCode, 303, a.body.slice(0, 300));
  assert.equal(b.statusCode, 303);
  assert.equal(b.headers.location, a.headers.location);
  assert.equal(other.statusCode, 422, 'the same key with other content');
  assert.equal(await n('trainings', 'topic', '重复提交只记一次'), 1);
});

test('interview: the same POST twice creates one event', async () => {
  const editor = await signedIn('editor');
  const event = { kind: 'interview', topic: '法律援助申请条件', starts_at: `${addDays(shanghaiDate(), 5)}T15:00`, place: '网站直播间', guests: '赵律|副局长|测试市司法局', videos: '', title: '重复提交的访谈' };
  const [a, b] = await twice(editor, `/admin/interviews/new?unit=${tree.bureau.id}`, `/admin/interviews?unit=${tree.bureau.id}`, event);
  assert.equal(a.statusCode, 303, a.body.slice(0, 300));
  assert.equal(b.headers.location, a.headers.location);
  assert.equal(await n('interviews', 'title', '重复提交的访谈'), 1);
});

test('guide: the same POST twice creates one guide', async () => {
  const editor = await signedIn('editor');
  const guide = { kind: 'licensing', code: 'SFJ-9', basis: '《某条例》第三条', conditions: '符合条件的申请人', materials: '1. 申请书', place: '政务服务中心', office: '测试市司法局', fees: '不收费', hours: '工作日', phone: '0421-5550001', process: '1. 申请', time_limit: '5 个工作日', online_url: '', name: '重复提交的办事指南' };
  const [a, b] = await twice(editor, `/admin/guides/new?unit=${tree.bureau.id}`, `/admin/guides?unit=${tree.bureau.id}`, guide);
  assert.equal(a.statusCode, 303, a.body.slice(0, 300));
  assert.equal(b.headers.location, a.headers.location);
  assert.equal(await n('service_guides', 'name', '重复提交的办事指南'), 1);
});

test('decision catalogue entry (重大行政决策): the same POST twice creates one entry', async () => {
  const editor = await signedIn('editor');
  const [a, b] = await twice(editor, `/admin/consultations/decisions/new?unit=${tree.bureau.id}`, `/admin/consultations/decisions?unit=${tree.bureau.id}`, { year: shanghaiDate().slice(0, 4), undertaker: '测试市司法局', title: '重复提交的决策事项' });
  assert.equal(a.statusCode, 303, a.body.slice(0, 300));
  assert.equal(b.headers.location, a.headers.location);
  assert.equal(await n('decisions', 'title', '重复提交的决策事项'), 1);
});
