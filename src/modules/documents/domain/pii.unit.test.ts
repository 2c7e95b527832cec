import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPersonalData, idChecksumChar, isValidIdNumber, maskPersonalData } from './pii.ts';

// 11010519491231002X is the worked example of GB 11643-1999; the others are fictional numbers whose
// check character was computed by hand (e.g. 21130219850612301: Σ = 230, 230 mod 11 = 10 → '2').
const VALID_18 = ['11010519491231002X', '211302198506123012', '210102199003074522', '211324197711080019'];

test('GB 11643 check character', () => {
  assert.equal(idChecksumChar('11010519491231002'), 'X');
  assert.equal(idChecksumChar('21130219850612301'), '2');
  for (const id of VALID_18) assert.equal(isValidIdNumber(id), true, id);
  assert.equal(isValidIdNumber('11010519491231002x'), true); // lower-case x accepted
  assert.equal(isValidIdNumber('110105194912310021'), false); // wrong check digit
  assert.equal(isValidIdNumber('991302198506123012'), false); // no such province
  assert.equal(isValidIdNumber('211302198502303012'), false); // 30 February
  assert.equal(isValidIdNumber('211302850612301'), true); // old 15-digit form
  assert.equal(isValidIdNumber('211302851312301'), false); // month 13
});

type Case = [string, string, Array<[string, string]>];
const CASES: Case[] = [
  ['valid ID in prose', '申请人身份证号211302198506123012，请核实。', [['id_card', '211302198506123012']]],
  ['ID with X', '证件：11010519491231002X。', [['id_card', '11010519491231002X']]],
  ['invalid checksum is not reported', '号码211302198506123013', []],
  ['ID inside a longer digit run is not reported', '流水号92113021985061230121', []],
  ['ID followed by more digits is not reported', '211302198506123012345', []],
  ['full-width digits', '身份证２１１３０２１９８５０６１２３０１２', [['id_card', '２１１３０２１９８５０６１２３０１２']]],
  ['old 15-digit ID', '旧证号211302850612301', [['id_card_15', '211302850612301']]],
  ['mobile', '联系电话：13912345678。', [['mobile', '13912345678']]],
  ['mobile with +86 and dashes', '手机 +86 139-1234-5678', [['mobile', '+86 139-1234-5678']]],
  ['mobile with spaces', '电话 186 0421 1234', [['mobile', '186 0421 1234']]],
  ['12-digit run is not a mobile', '编号139123456789', []],
  ['mobile glued after digits is not reported', '0013912345678', []],
  ['landline is not a mobile', '电话0421-2612345', []],
  ['second digit 2 is not a mobile', '12912345678', []],
  ['year-serial numbers are not flagged', '朝政发〔2020〕12号，索引号11211300MB1234567X/2020-00012', []],
  ['both kinds, in order', '张三，211302198506123012，13912345678', [['id_card', '211302198506123012'], ['mobile', '13912345678']]],
];

for (const [name, text, expected] of CASES) {
  test(`findPersonalData: ${name}`, () => {
    const found = findPersonalData(text);
    assert.deepEqual(found.map((m) => [m.kind, m.value]), expected);
    for (const m of found) assert.equal(text.slice(m.start, m.end), m.value);
  });
}

test('suspect IDs (plausible but wrong check digit) only on request', () => {
  const text = '号码211302198506123013';
  assert.deepEqual(findPersonalData(text), []);
  const found = findPersonalData(text, { includeSuspect: true });
  assert.equal(found.length, 1);
  assert.equal(found[0].kind, 'id_card_suspect');
});

test('masked previews hide the middle', () => {
  const [id, mobile] = findPersonalData('211302198506123012 13912345678');
  assert.equal(id.masked, '211302********3012');
  assert.equal(mobile.masked, '139****5678');
  assert.equal(maskPersonalData('电话+8613912345678，证号11010519491231002X'), '电话+86139****5678，证号110105********002X');
  assert.equal(maskPersonalData('无个人信息'), '无个人信息');
  assert.deepEqual(findPersonalData(''), []);
});
