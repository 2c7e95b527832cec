import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffLists, parseSheet, sheetRows, SHEET_HEADER, typeOf, validateItem, yearError, type ItemInput } from './rules.ts';

const ok: ItemInput = { type: 'licensing', code: 'A-001', name: '食品经营许可', basis: '《食品安全法》第三十五条', subject: '市场监管局', duties: '受理', accountability: '不予受理的' };

test('an item needs a type of the ten, a code, a name, a basis and who exercises it', () => {
  assert.deepEqual(Object.keys(validateItem({}).errors).sort(), ['basis', 'code', 'name', 'subject', 'type']);
  assert.deepEqual(validateItem({ ...ok }).errors, {});
  assert.equal(validateItem({ ...ok, type: '行政处罚' }).value.type, 'penalty');
  assert.ok(validateItem({ ...ok, type: '行政指导' }).errors.type);
  assert.ok(validateItem({ ...ok, code: 'A 001' }).errors.code);
  assert.ok(validateItem({ ...ok, name: 'x'.repeat(121) }).errors.name);
  assert.equal(validateItem({ ...ok, name: '  名称\r\n ' }).value.name, '名称');
  assert.equal(typeOf('其他'), 'other');
  assert.equal(typeOf('其他行政权力'), 'other');
  assert.equal(typeOf('行政监督'), 'inspection');
  assert.equal(typeOf('adjudication'), 'adjudication');
});

test('years run from 2015 to next year', () => {
  assert.equal(yearError(2020, 2026), null);
  assert.equal(yearError(2027, 2026), null);
  assert.ok(yearError(2028, 2026));
  assert.ok(yearError(2014, 2026));
  assert.ok(yearError(NaN, 2026));
});

test('the diff matches items by code: added, removed, and changed field by field', () => {
  const b = [ok, { ...ok, code: 'A-002', name: '旧事项' }, { ...ok, code: 'A-003', name: '不变' }];
  const a = [{ ...ok, basis: '《食品安全法》第三十五条、第三十六条', type: 'penalty' as const }, { ...ok, code: 'A-003', name: '不变' }, { ...ok, code: 'A-004', name: '新事项' }];
  const d = diffLists(b, a);
  assert.deepEqual(d.added.map((i) => i.code), ['A-004']);
  assert.deepEqual(d.removed.map((i) => i.code), ['A-002']);
  assert.equal(d.changed.length, 1);
  assert.deepEqual(d.changed[0].fields, ['type', 'basis']);
  assert.equal(d.unchanged, 1);
  assert.deepEqual(diffLists(a, a), { added: [], removed: [], changed: [], unchanged: 3 });
});

test('a sheet is read by header names; each problem names its row and column', () => {
  const rows = sheetRows([ok, { ...ok, code: 'A-002' }]);
  assert.deepEqual(rows[0], SHEET_HEADER);
  assert.equal(rows[1][0], '行政许可');
  const good = parseSheet(rows);
  assert.deepEqual(good.errors, []);
  assert.deepEqual(good.items[1], { ...ok, code: 'A-002' });
  // columns in another order still read
  const swapped = rows.map((r) => [r[2], r[0], r[1], ...r.slice(3)]);
  assert.deepEqual(parseSheet(swapped).items, good.items);
  const bad = parseSheet([rows[0], rows[1], [...rows[1].slice(0, 3), '', ...rows[1].slice(4)], [], ['行政指导', 'B-1', 'x', 'y', 'z', '', '']]);
  assert.deepEqual(bad.errors.map((e) => [e.row, e.column]), [[3, 'D（依据）'], [3, 'B（编码）'], [5, 'A（权力类型）']]);
  assert.match(bad.errors[1].message.zh, /第 2 行重复/);
  const noHeader = parseSheet([['名称', '编码']]);
  assert.ok(noHeader.errors.every((e) => e.row === 1));
  assert.ok(noHeader.errors.some((e) => e.column === '依据'));
  assert.equal(parseSheet([SHEET_HEADER]).errors.length, 1);
});
