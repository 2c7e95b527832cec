import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal, formatDecimal, normalizeDecimal, sumDecimals, toFixedDecimal, isDecimal, YUAN_SCALE } from './decimal.ts';

test('parse and format are exact', () => {
  const rows: [string, string][] = [
    ['0', '0'], ['12.5000', '12.5'], ['-0.000', '0'], ['316441', '316441'], ['0.000001', '0.000001'], ['-8', '-8'], [' 7.10 ', '7.1'],
  ];
  for (const [input, out] of rows) assert.equal(normalizeDecimal(input), out, input);
  for (const bad of ['', '1e3', '1.', '.5', '1,000', '0.0000001', 'abc', '--1']) assert.equal(parseDecimal(bad), null, bad);
  assert.equal(formatDecimal(-1234567n), '-1.234567');
});

test('sums have no float error', () => {
  assert.equal(sumDecimals(['0.1', '0.2']), '0.3');
  assert.equal(sumDecimals(Array.from({ length: 1000 }, () => '0.0001')), '0.1');
  assert.equal(sumDecimals(['12.3456', '0.6544']), '13');
  assert.equal(sumDecimals([]), '0');
  assert.throws(() => sumDecimals(['1', 'x']), /not a decimal/);
});

test('fixed display with half-up rounding', () => {
  assert.equal(toFixedDecimal('12.3456', 2), '12.35');
  assert.equal(toFixedDecimal('12.3449', 2), '12.34');
  assert.equal(toFixedDecimal('-0.005', 2), '-0.01');
  assert.equal(toFixedDecimal('-0.004', 2), '0.00');
  assert.equal(toFixedDecimal('7', 4), '7.0000');
  assert.equal(toFixedDecimal('380', 2, YUAN_SCALE), '380.00');
  assert.equal(isDecimal('1.234', YUAN_SCALE), false);
});
