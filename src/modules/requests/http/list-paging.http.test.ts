/**
 * The 依申请公开 list on a big database (#15 item 3): pages of CASE_PAGE_SIZE cases in due-date order
 * (nearest first), a next link only when there are more, and a bounded offset (page CASE_MAX_PAGE is
 * the last offered) — before, the list showed the first 200 cases and nothing after them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../../../../test/helpers/app.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { caseTextColumns, requestsTree } from '../store/fixtures.test-helper.ts';
import { loggedApp, type LoggedApp } from './http.test-helper.ts';
import { CASE_MAX_PAGE, CASE_PAGE_SIZE } from '../views/staff-views.tsx';

let t: LoggedApp;
let handler: Client;
const N = CASE_PAGE_SIZE + 7;

before(async () => {
  t = await loggedApp();
  const tree = await requestsTree(t.db.db);
  const text = caseTextColumns('甲某', '分页测试');
  await t.db.db.insertInto('request_cases').values(Array.from({ length: N }, (_, i) => ({
    unit_id: tree.bureau.id, ref: `PG-${String(i + 1).padStart(3, '0')}`, source: 'staff' as const, status: 'accepted' as const, channel: 'in_person', category: 'natural',
    ...text, received_on: '2031-01-02', due_on: `2031-${String(2 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, deadline_state: 'running',
  }))).execute();
  handler = new Client(t.app);
  await handler.login('handler', PASSWORD);
});
after(async () => t.close());

const refs = (body: string) => [...body.matchAll(/>(PG-\d{3})</g)].map((m) => m[1]);

test('the list pages through every open case, nearest due date first', async () => {
  const one = await handler.get('/admin/requests');
  assert.equal(one.statusCode, 200);
  assert.equal(refs(one.body).length, CASE_PAGE_SIZE);
  assert.equal(refs(one.body)[0], 'PG-001');
  assert.match(one.body, /href="\/admin\/requests\?page=2" rel="next"/);
  const two = await handler.get('/admin/requests?page=2');
  assert.deepEqual(refs(two.body), Array.from({ length: N - CASE_PAGE_SIZE }, (_, i) => `PG-${String(CASE_PAGE_SIZE + i + 1).padStart(3, '0')}`));
  assert.doesNotMatch(two.body, /rel="next"/);
  assert.match(two.body, /href="\/admin\/requests\?page=1" rel="prev"/);
});

test('filters are kept in the page links; the page number is bounded and bad values fall back to page 1', async () => {
  const f = await handler.get('/admin/requests?status=accepted&page=1');
  assert.match(f.body, /href="\/admin\/requests\?status=accepted&amp;page=2" rel="next"/);
  const far = await handler.get('/admin/requests?page=999999');
  assert.equal(far.statusCode, 200);
  assert.match(far.body, new RegExp(`第 ${CASE_MAX_PAGE} 页`));
  assert.equal(refs(far.body).length, 0);
  const bad = await handler.get('/admin/requests?page=abc');
  assert.equal(bad.statusCode, 200);
  assert.equal(refs(bad.body)[0], 'PG-001');
});
