/**
 * The 依申请公开 register as XLSX: the list's rows under its current filters, personal data masked
 * exactly as on the list (never the ID number or phone in clear), another unit's cases absent, and
 * the export audited.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readSheet } from 'read-excel-file/node';
import { Client } from '../../../../test/helpers/app.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { ID, PHONE, paperApplication, requestsTree } from '../store/fixtures.test-helper.ts';
import { loggedApp, type LoggedApp } from './http.test-helper.ts';
import { registerByStaff } from '../intake-commands.ts';

let t: LoggedApp;
let handler: Client;
const refs: Record<string, string> = {};

before(async () => {
  t = await loggedApp();
  const tree = await requestsTree(t.db.db);
  const sys = systemContext('test');
  const reg = async (key: string, unitId: number, name: string) => {
    const id = (await registerByStaff(t.db.db, t.cfg, sys, unitId, paperApplication('2026-03-02', { name }))).caseId;
    refs[key] = (await t.db.db.selectFrom('request_cases').select('ref').where('id', '=', id).executeTakeFirstOrThrow()).ref;
  };
  await reg('mine', tree.bureau.id, '王小明');
  await reg('mine2', tree.bureau.id, '李四海');
  await reg('other', tree.other.id, '赵六');
  handler = new Client(t.app);
  await handler.login('handler', PASSWORD);
});
after(async () => t.close());

test('the register export: the list’s columns, masked as on the list, scoped and filtered, audited', async () => {
  const list = await handler.get('/admin/requests?status=all');
  assert.match(list.body, /href="\/admin\/requests\/export\.xlsx\?status=all"/);
  const r = await handler.get('/admin/requests/export.xlsx?status=all');
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /spreadsheetml/);
  assert.match(String(r.headers['cache-control']), /no-store/);
  const rows = (await readSheet(r.rawPayload)) as unknown[][];
  assert.deepEqual(rows[0], ['编号', '单位', '申请人', '申请人类型', '证件号码', '所需信息', '收到日期', '答复期限', '状态', '承办人']);
  const body = rows.slice(1);
  assert.deepEqual(body.map((x) => x[0]).sort(), [refs.mine, refs.mine2].sort(), 'only the handler’s unit');
  const text = JSON.stringify(rows);
  assert.ok(!text.includes(ID) && !text.includes(PHONE), 'no personal number in clear');
  assert.ok(!text.includes('王小明') && !text.includes('李四海'), 'names masked');
  const mine = body.find((x) => x[0] === refs.mine)!;
  // the same masked cells the list page shows
  assert.ok(list.body.includes(String(mine[2])), `list shows ${mine[2]}`);
  assert.match(String(mine[4]), /^110\*{11}8515$/);
  assert.ok(list.body.includes(String(mine[4])));
  // a filter narrows the export as it narrows the list
  const one = (await readSheet((await handler.get(`/admin/requests/export.xlsx?status=all&q=${encodeURIComponent(refs.mine2)}`)).rawPayload)) as unknown[][];
  assert.deepEqual(one.slice(1).map((x) => x[0]), [refs.mine2]);
  const audit = await t.db.db.selectFrom('audit_log').select(['action', 'summary']).where('action', '=', 'request.export').execute();
  assert.equal(audit.length, 2);
  assert.ok(!JSON.stringify(audit).includes(ID));
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  assert.equal((await editor.get('/admin/requests/export.xlsx')).statusCode, 403, 'an editor has no request.view anywhere');
});
