import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_INDEX_PATTERN, formatIndexNumber, IndexNumberError, isUnifiedSocialCreditCode, validatePattern } from './indexno.ts';

const UNIT = '11211300MB1234567X';

const FORMATS: Array<[string, Parameters<typeof formatIndexNumber>[1], string]> = [
  [DEFAULT_INDEX_PATTERN, { unitCode: UNIT, year: 2020, serial: 12 }, `${UNIT}/2020-00012`],
  ['{unit code}/{YYYY}-{serial:5}', { unitCode: UNIT, year: 2020, serial: 12 }, `${UNIT}/2020-00012`],
  // gov.cn style with a 9-digit organisation code.
  ['{unitCode}/{YYYY}-{serial:5}', { unitCode: '000014349', year: 2017, serial: 110 }, '000014349/2017-00110'],
  // 宁国 style with the month (…/202110-00013).
  ['{unitCode}/{YYYY}{MM}-{serial:5}', { unitCode: UNIT, year: 2021, month: 10, serial: 13 }, `${UNIT}/202110-00013`],
  ['{unitCode}-{YYYY}-{serial}', { unitCode: '01527918X', year: 2020, serial: 153077 }, '01527918X-2020-153077'],
  ['{unitCode}/{topic}/{YYYY}-{serial:4}', { unitCode: UNIT, year: 2020, serial: 7, topic: '0201' }, `${UNIT}/0201/2020-0007`],
  // Never truncated when the serial outgrows the padding: uniqueness first.
  [DEFAULT_INDEX_PATTERN, { unitCode: UNIT, year: 2020, serial: 123456 }, `${UNIT}/2020-123456`],
];

for (const [pattern, vars, expected] of FORMATS) {
  test(`formats ${pattern} → ${expected}`, () => {
    assert.deepEqual(validatePattern(pattern), { ok: true });
    assert.equal(formatIndexNumber(pattern, vars), expected);
  });
}

const BAD_PATTERNS: Array<[unknown, string]> = [
  ['', 'empty'],
  [null, 'empty'],
  ['{unitCode}/{YYYY}', 'serial_count'],
  ['{unitCode}/{YYYY}-{serial:5}-{serial:2}', 'serial_count'],
  ['{unitCode}/{serial:5}', 'missing_year'],
  ['{YYYY}-{serial:5}', 'missing_unit_code'],
  ['{unitCode}/{YYYY}-{serial:0}', 'invalid_serial_width'],
  ['{unitCode}/{YYYY}-{serial:11}', 'invalid_serial_width'],
  ['{unitCode}/{YYYY}-{seq:5}', 'unknown_token'],
  ['{unitCode}/{YYYY}-{serial:5', 'unbalanced_brace'],
  ['{unitCode}/{YYYY}年-{serial:5}', 'invalid_literal'],
  ['{unitCode}/{YYYY} {serial:5}', 'invalid_literal'],
  ['{unitCode}/{YYYY}{serial:5}', 'adjacent_tokens'],
];

for (const [pattern, code] of BAD_PATTERNS) {
  test(`rejects pattern ${JSON.stringify(pattern)} (${code})`, () => {
    const r = validatePattern(pattern);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.ok(r.errors.some((e) => e.code === code), JSON.stringify(r.errors.map((e) => e.code)));
    assert.ok(r.errors.every((e) => e.message.zh && e.message.en));
  });
}

test('formatIndexNumber refuses bad variables and bad patterns', () => {
  assert.throws(() => formatIndexNumber('{YYYY}-{serial}', { unitCode: UNIT, year: 2020, serial: 1 }), IndexNumberError);
  assert.throws(() => formatIndexNumber(DEFAULT_INDEX_PATTERN, { unitCode: 'a/b', year: 2020, serial: 1 }), IndexNumberError);
  assert.throws(() => formatIndexNumber(DEFAULT_INDEX_PATTERN, { unitCode: UNIT, year: 20, serial: 1 }), IndexNumberError);
  assert.throws(() => formatIndexNumber(DEFAULT_INDEX_PATTERN, { unitCode: UNIT, year: 2020, serial: 0 }), IndexNumberError);
  assert.throws(() => formatIndexNumber(DEFAULT_INDEX_PATTERN, { unitCode: UNIT, year: 2020, serial: 1.5 }), IndexNumberError);
  assert.throws(() => formatIndexNumber('{unitCode}/{YYYY}{MM}-{serial:5}', { unitCode: UNIT, year: 2020, serial: 1 }), IndexNumberError);
  assert.throws(() => formatIndexNumber('{unitCode}/{topic}/{YYYY}-{serial}', { unitCode: UNIT, year: 2020, serial: 1 }), IndexNumberError);
});

test('统一社会信用代码 check character (GB 32100-2015), real codes from reference.md §4.1', () => {
  for (const code of ['11441700007280420Y', '11370322004222241N', '11341702486344515H', '11620622013933539B']) {
    assert.equal(isUnifiedSocialCreditCode(code), true, code);
  }
  assert.equal(isUnifiedSocialCreditCode('11441700007280420X'), false); // wrong check character
  assert.equal(isUnifiedSocialCreditCode('11441700007280420'), false); // 17 characters
  assert.equal(isUnifiedSocialCreditCode('1144170000728042OY'), false); // letter O is not in the alphabet
});
