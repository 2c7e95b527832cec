/** 政务新媒体 accounts as JSON Lines: export → import into a fresh database gives the same accounts and inspections; a bad line refuses the file. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { CODES, seedTree } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { demoQr } from './demo/media.ts';
import { recordInspection, saveAccount } from './commands.ts';
import { exportMediaLines, importMediaLines } from './jsonl.ts';

let a: TestDb;
let b: TestDb;
let treeA: Awaited<ReturnType<typeof seedTree>>;
const ctx = systemContext('test');
const TODAY = '2020-09-01';

before(async () => {
  [a, b] = await Promise.all([testDatabase(), testDatabase()]);
  treeA = await seedTree(a.db);
  await seedTree(b.db);
});
after(async () => Promise.all([a.cleanup(), b.cleanup()]));

test('export → import into a fresh database gives the same accounts, QR images and inspections', async () => {
  const w = await saveAccount(a.db, ctx, { id: null, unitId: treeA.bureau.id }, { platform: 'wechat', name: '测试司法', account_id: 'gh_test1', operator: '测试市司法局', opened_on: '2016-03-15', status: 'open' }, demoQr(3), TODAY);
  await recordInspection(a.db, ctx, w, { inspected_on: '2020-06-30', last_post_on: '2020-06-01', interaction_ok: '1', note: '二季度' }, TODAY);
  await recordInspection(a.db, ctx, w, { inspected_on: '2020-08-31', last_post_on: '2020-08-30', interaction_ok: '1', note: '三季度' }, TODAY);
  await saveAccount(a.db, ctx, { id: null, unitId: treeA.other.id }, { platform: 'toutiao', name: '卫健头条', account_id: '', operator: '测试市卫健委', opened_on: '2017-03-01', status: 'closed', closed_on: '2020-06-30' }, null, TODAY);
  const lines = await exportMediaLines(a.db);
  assert.equal(lines.length, 2);
  const r = await importMediaLines(b.db, ctx, lines.join('\n'), { today: TODAY });
  assert.deepEqual(r.errors, []);
  assert.deepEqual([r.created, r.inspections], [2, 2]);
  assert.deepEqual(await exportMediaLines(b.db), lines);
  const again = await importMediaLines(b.db, ctx, lines.join('\n'), { today: TODAY });
  assert.deepEqual([again.created, again.updated, again.inspections], [0, 2, 0]);
  assert.deepEqual(await exportMediaLines(b.db), lines);
  const failing = await b.db.selectFrom('media_inspections').select('pass').where('note', '=', '二季度').executeTakeFirstOrThrow();
  assert.equal(failing.pass, false, 'the verdict is the rules’ (29 days without an update), not the file’s');
  assert.ok((await b.db.selectFrom('audit_log').select('action').where('action', '=', 'media.inspect').execute()).length >= 2);
  assert.deepEqual((await exportMediaLines(a.db, { unitCode: CODES.other })).map((l) => JSON.parse(l).name), ['卫健头条']);
});

test('a bad line names its line and field in both languages and nothing is stored', async () => {
  const n = async () => (await b.db.selectFrom('media_accounts').select('id').execute()).length;
  const before = await n();
  const bad = [
    JSON.stringify({ unit: CODES.county, platform: 'wechat', name: '新账号', operator: '县政府' }),
    JSON.stringify({ unit: CODES.county, platform: 'myspace', name: '', operator: '县政府' }),
    JSON.stringify({ unit: CODES.county, platform: 'weibo', name: '关停号', operator: '县政府', status: 'closed' }),
    JSON.stringify({ unit: CODES.county, platform: 'weibo', name: '号', operator: '县政府', qr: 'hello', inspections: [{ inspected_on: '2020-02-30', interaction_ok: 'yes' }] }),
    JSON.stringify({ unit: CODES.county, platform: 'wechat', name: '新账号', operator: '县政府' }),
  ].join('\n');
  const r = await importMediaLines(b.db, ctx, bad, { today: TODAY });
  const seen = r.errors.map((e) => `${e.line}:${e.field}`);
  for (const s of ['2:platform', '2:name', '3:closed_on', '4:qr', '4:inspections[0].inspected_on', '4:inspections[0].interaction_ok', '5:name']) assert.ok(seen.includes(s), `${s} in ${seen.join(' ')}`);
  assert.ok(r.errors.every((e) => e.message.zh && e.message.en));
  assert.equal(await n(), before, 'nothing stored');
});
