import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findHostile, parseDate, parseId } from './input-guard.ts';

test('parseId: positive 32-bit integers written plainly, nothing else', () => {
  assert.equal(parseId('1'), 1);
  assert.equal(parseId('2147483647'), 2147483647);
  assert.equal(parseId(42), 42);
  for (const bad of ['2147483648', '99999999999', '1.5', '1e3', '1e309', '-1', '0', '012', 'abc', '', ' 1', '\u00001', 1.5, 0, 2 ** 31, Infinity, NaN, null, undefined]) {
    assert.equal(parseId(bad), null, `parseId(${JSON.stringify(bad)})`);
  }
});

test('parseDate: dates that exist, years 1000–9999', () => {
  assert.equal(parseDate('2024-02-29'), '2024-02-29');
  assert.equal(parseDate('2026-12-31'), '2026-12-31');
  for (const bad of ['2024-13-01', '2024-02-30', '2023-02-29', '2024-04-31', '0000-01-01', '2024-00-10', '2024-01-00', '2024-1-01', '2024-01-01T00:00', 'abc', '', 20240101]) {
    assert.equal(parseDate(bad), null, `parseDate(${JSON.stringify(bad)})`);
  }
});

test('findHostile: NUL, lone surrogates and prototype keys anywhere, surrogate pairs allowed', () => {
  assert.equal(findHostile({ a: 'x', b: ['y', { c: '中文😀' }] }), null);
  assert.equal(findHostile({ a: ['ok', 'x\u0000'] })?.fields?.['a.1']?.en, 'contains a character that is not allowed');
  assert.equal(findHostile({ t: 'a\ud800b' })?.code, 'bad_characters');
  assert.equal(findHostile({ t: '\udc00' })?.code, 'bad_characters');
  assert.equal(findHostile(JSON.parse('{"a":{"__proto__":{"x":1}}}'))?.code, 'reserved_key');
  assert.equal(findHostile(Object.assign(Object.create(null), { 'constructor[prototype][x]': '1' }))?.code, 'reserved_key');
  assert.equal(findHostile({ prototype: 1 })?.code, 'reserved_key');
  const loop: Record<string, unknown> = { a: 'x' };
  loop.self = loop;
  assert.equal(findHostile(loop), null, 'cycles end');
});
