import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from '../../../core/calendar/index.ts';
import { AREAS, areaOf } from './areas.ts';
import { parseSheet, setOf, sheetRows, SHEET_HEADER, validateRow, yearError } from './rules.ts';
import { coverageOf, dueDate, numberOf, parseDeadline, rowStatus } from './timeliness.ts';

const cal = new WorkCalendar();
const ok = { seq: '1', item1: '政策文件', item2: '义务教育招生入学政策', content: '招生范围', basis: '《中华人民共和国义务教育法》', deadline: '信息形成或者变更之日起20个工作日内', subject: '区教育局', channels: ['website'], audiences: ['public'], modes: ['proactive'], levels: ['county'] };

test('the 26 areas: codes 01–26, found by code, name or a later name', () => {
  assert.equal(AREAS.length, 26);
  assert.deepEqual(AREAS.map((a) => a.code), Array.from({ length: 26 }, (_, i) => String(i + 1).padStart(2, '0')));
  assert.equal(new Set(AREAS.map((a) => a.name.zh)).size, 26);
  assert.equal(areaOf('21')?.name.zh, '义务教育');
  assert.equal(areaOf('7')?.code, '07');
  assert.equal(areaOf('乡村振兴')?.code, '11');
  assert.equal(areaOf('拆迁安置')?.code, '08');
  assert.equal(areaOf('27'), null);
  assert.equal(areaOf('教育'), null);
});

test('公开时限 phrases read into a kind and a number (条例 第二十六条: 及时 = 20 working days)', () => {
  assert.deepEqual(parseDeadline('信息形成或者变更之日起20个工作日内'), { kind: 'workdays', n: 20 });
  assert.deepEqual(parseDeadline('自作出行政决定之日起七个工作日内'), { kind: 'workdays', n: 7 });
  assert.deepEqual(parseDeadline('信息形成之日起二十个工作日内'), { kind: 'workdays', n: 20 });
  assert.deepEqual(parseDeadline('公示期满后15日内'), { kind: 'days', n: 15 });
  assert.deepEqual(parseDeadline('实时公开'), { kind: 'realtime', n: 0 });
  assert.deepEqual(parseDeadline('长期公开'), { kind: 'ongoing', n: 0 });
  assert.deepEqual(parseDeadline('及时公开'), { kind: 'workdays', n: 20 });
  assert.equal(parseDeadline('尽快'), null);
  assert.equal(parseDeadline(''), null);
  assert.equal(numberOf('十五'), 15);
  assert.equal(numberOf('二十'), 20);
  assert.equal(numberOf('十'), 10);
  assert.equal(numberOf('七'), 7);
  assert.equal(numberOf('百'), null);
});

test('due dates use the working-day calendar: 2020-09-28 + 20 working days crosses the National Day holiday', () => {
  // 2020: 10-01..10-08 off, 09-27 and 10-10 (Saturdays) made-up working days
  assert.equal(dueDate({ kind: 'workdays', n: 20 }, '2020-09-28', cal), '2020-11-02');
  assert.equal(dueDate({ kind: 'realtime', n: 0 }, '2020-09-30', cal), '2020-10-09');
  assert.equal(dueDate({ kind: 'days', n: 15 }, '2020-09-28', cal), '2020-10-13');
  assert.equal(dueDate({ kind: 'ongoing', n: 0 }, '2020-09-28', cal), null);
});

test('a row is fulfilled when a linked publication is fresh, overdue when the limit passed without one', () => {
  const d = { kind: 'workdays' as const, n: 20 };
  const none = { firstAfter: null, last: null };
  assert.equal(rowStatus(d, '2020-09-28', { firstAfter: '2020-10-20', last: '2020-10-20' }, '2020-12-01', cal).state, 'fulfilled');
  assert.equal(rowStatus(d, '2020-09-28', { firstAfter: '2020-11-03', last: '2020-11-03' }, '2020-12-01', cal).state, 'late');
  assert.equal(rowStatus(d, '2020-09-28', { firstAfter: null, last: '2020-09-01' }, '2020-11-02', cal).state, 'pending');
  const over = rowStatus(d, '2020-09-28', { firstAfter: null, last: '2020-09-01' }, '2020-11-03', cal);
  assert.deepEqual(over, { state: 'overdue', due: '2020-11-02', published: '2020-09-01' });
  assert.equal(rowStatus(d, null, none, '2020-11-03', cal).state, 'missing');
  assert.equal(rowStatus(d, null, { firstAfter: '2019-01-01', last: '2019-01-01' }, '2020-11-03', cal).state, 'fulfilled');
  assert.equal(rowStatus({ kind: 'ongoing', n: 0 }, '2020-01-01', none, '2020-11-03', cal).state, 'missing');
  assert.equal(rowStatus({ kind: 'ongoing', n: 0 }, '2020-06-01', { firstAfter: null, last: '2020-01-01' }, '2020-11-03', cal).state, 'fulfilled');
  assert.deepEqual(coverageOf(['fulfilled', 'overdue', 'overdue', 'missing']), { total: 4, fulfilled: 1, late: 0, pending: 0, overdue: 2, missing: 1 });
});

test('a row needs its items, content, basis, a readable time limit, a subject and each set', () => {
  assert.deepEqual(validateRow(ok).errors, {});
  const e = validateRow({}).errors;
  assert.deepEqual(Object.keys(e).sort(), ['audiences', 'basis', 'channels', 'content', 'deadline', 'item1', 'item2', 'levels', 'modes', 'seq', 'subject'].sort());
  assert.ok(validateRow({ ...ok, deadline: '尽快' }).errors.deadline);
  assert.ok(validateRow({ ...ok, trigger: '2020-02-30' }).errors.trigger);
  assert.equal(validateRow({ ...ok, trigger: '2020.9.8' }).value.trigger, '2020-09-08');
  assert.ok(validateRow({ ...ok, channels: ['fax'] }).errors.channels);
  assert.deepEqual(setOf('channels', '■政府网站 □政府公报 ■社区/企事业单位/村公示栏（电子屏）').keys, ['website', 'board']);
  assert.deepEqual(setOf('audiences', '全社会、特定群众').keys, ['public', 'group']);
  assert.deepEqual(setOf('modes', '依申请公开').keys, ['request']);
  assert.equal(yearError(2020, 2026), null);
  assert.ok(yearError(2016, 2026));
});

test('a sheet is read by header names; problems name their row and column; export reads back', () => {
  const v = validateRow({ ...ok, channels: ['website', 'board'], trigger: '2020-09-28' }).value;
  const rows = sheetRows([v, { ...v, seq: 2, item2: '学校名录' }]);
  assert.deepEqual(rows[0], SHEET_HEADER);
  assert.equal(rows[1][8], '政府网站、社区/企事业单位/村公示栏（电子屏）');
  const back = parseSheet(rows);
  assert.deepEqual(back.errors, []);
  assert.deepEqual(back.items[0], v);
  const bad = parseSheet([rows[0], rows[1], [...rows[1].slice(0, 5), '尽快', ...rows[1].slice(6)], [...rows[2].slice(0, 9), '路人', ...rows[2].slice(10)]]);
  assert.deepEqual(bad.errors.map((e) => [e.row, e.column]), [[3, 'F（公开时限）'], [3, 'C（二级事项）'], [4, 'J（公开对象）']]);
  assert.ok(parseSheet([['序号', '一级事项']]).errors.every((e) => e.row === 1));
});
