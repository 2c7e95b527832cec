import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocNumber, docNumberSearchKey } from './docnumber.ts';

// GB/T 9704-2012 7.2.4: 机关代字 + 〔年份〕 + 顺序号 (no 第, no leading zeros) + 号.
const ACCEPTED: Array<[string, string, string, number | null, number]> = [
  ['朝政发〔2020〕12号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发[2020]12号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发(2020)12号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发（2020）12号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发［2020］12号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发【2020】12号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发〔2020〕第12号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发〔２０２０〕１２号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  [' 朝政发 〔2020〕 12 号 ', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发\u30002020年12号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发2020年第12号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发〔2020〕012号', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['朝政发〔2020〕12', '朝政发〔2020〕12号', '朝政发', 2020, 12],
  ['国办发〔2017〕47号', '国办发〔2017〕47号', '国办发', 2017, 47],
  ['辽政公领发[2020]1号', '辽政公领发〔2020〕1号', '辽政公领发', 2020, 1],
  ['国办公开办函〔2019〕61号', '国办公开办函〔2019〕61号', '国办公开办函', 2019, 61],
  ['HFGS〔2017〕9号', 'HFGS〔2017〕9号', 'HFGS', 2017, 9],
  // 命令（令）: no year, keeps 第.
  ['朝阳市人民政府令第3号', '朝阳市人民政府令第3号', '朝阳市人民政府令', null, 3],
  ['国务院令 第 711 号', '国务院令第711号', '国务院令', null, 711],
];

for (const [input, normalized, agencyCode, year, serial] of ACCEPTED) {
  test(`accepts ${JSON.stringify(input)}`, () => {
    const r = parseDocNumber(input);
    assert.equal(r.ok, true, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.normalized, normalized);
    assert.equal(r.agencyCode, agencyCode);
    assert.equal(r.year, year);
    assert.equal(r.serial, serial);
  });
}

const REJECTED: Array<[unknown, string]> = [
  ['', 'empty'],
  ['   ', 'empty'],
  [null, 'empty'],
  [42, 'empty'],
  ['〔2020〕12号', 'missing_agency'],
  ['2020年12号', 'missing_agency'],
  ['朝政发12号', 'missing_year'],
  ['朝政发第12号', 'missing_year'],
  ['朝政发号', 'missing_year'],
  ['朝政发〔20〕12号', 'invalid_year'],
  ['朝政发〔1800〕12号', 'invalid_year'],
  ['朝政发〔2020〕号', 'missing_serial'],
  ['朝政发〔2020〕0号', 'invalid_serial'],
  ['朝政发〔2020〕1234567号', 'invalid_serial'],
  ['朝政发〔2020]12号', 'unbalanced_brackets'],
  ['朝政发〔2020 12号', 'unbalanced_brackets'],
  ['朝政发2020〕12号', 'unbalanced_brackets'],
  ['朝政发〔2020〕12号附件', 'unrecognised'],
  ['hello world', 'unrecognised'],
  ['!!!', 'unrecognised'],
  ['朝政发〔2020〕12号'.repeat(6), 'too_long'],
];

for (const [input, code] of REJECTED) {
  test(`rejects ${JSON.stringify(input)} as ${code}`, () => {
    const r = parseDocNumber(input);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.code, code);
    assert.ok(r.message.zh.length > 0 && r.message.en.length > 0);
  });
}

test('search key: complete numbers map to the normalised form', () => {
  assert.equal(docNumberSearchKey('朝政发[2020]第012号'), '朝政发〔2020〕12号');
  assert.equal(docNumberSearchKey('朝政发（２０２０）12号'), docNumberSearchKey('朝政发〔2020〕12号'));
});

test('search key: fragments fold the same way and are substrings of the normalised form', () => {
  const stored = parseDocNumber('朝政发〔2020〕12号');
  assert.ok(stored.ok);
  for (const fragment of ['朝政发[2020]', '(2020)12号', '2020年12号', '［２０２０］第12号', '朝政发 (2020']) {
    const key = docNumberSearchKey(fragment);
    assert.ok(stored.normalized.includes(key), `${fragment} → ${key}`);
  }
});
