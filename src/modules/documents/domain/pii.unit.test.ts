import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPersonalData, idChecksumChar, isValidIdNumber, luhnValid, maskPersonalData, maskValue, normalizedValue, redactPersonalData } from './pii.ts';

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
  ['a wrong check digit is still reported, as possible', '号码211302198506123013', [['id_card_possible', '211302198506123013']]],
  ['the audit’s ID with a wrong check digit (…1233 would be valid)', '身份证号110101199003071234', [['id_card_possible', '110101199003071234']]],
  ['an ID written in its three parts (6-8-4), wrong check digit', '身份证号 110101 19900307 1234，', [['id_card_possible', '110101 19900307 1234']]],
  ['an ID in three parts with hyphens', '证号110101-19900307-1233。', [['id_card', '110101-19900307-1233']]],
  ['6-8-4 groups with no real birth date are not an ID', '批号 110101 19901307 1234', []],
  ['18 digits with no real birth date are not an ID', '编号110101199013071234', []],
  ['bank card, Luhn valid', '银行卡号6222021234567894', [['bank_card', '6222021234567894']]],
  ['bank card in groups of four', '卡号 6217 0012 3456 7890 122', [['bank_card', '6217 0012 3456 7890 122']]],
  ['16 digits failing Luhn are not reported', '账号6222021234567890', []],
  ['20 digits are not a card', '流水号62220212345678941234', []],
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

test('an ID-shaped number is reported whatever its check digit, marked possible (audit 2026-12-04)', () => {
  const [m] = findPersonalData('号码110101199003071234');
  assert.equal(m.kind, 'id_card_possible');
  assert.equal(m.confidence, 'possible');
  assert.equal(m.masked, '110101********1234');
  assert.equal(findPersonalData('号码110101199003071233')[0].confidence, 'certain');
  assert.equal(findPersonalData('卡号6222021234567894')[0].confidence, 'likely');
});

test('Luhn', () => {
  assert.equal(luhnValid('4111111111111111'), true);
  assert.equal(luhnValid('6222021234567894'), true);
  assert.equal(luhnValid('6222021234567890'), false);
  assert.equal(luhnValid('62220a'), false);
});

test('masking keeps the length; full masks hide every digit; redaction replaces only the chosen numbers', () => {
  assert.equal(maskValue('6217 0012 3456 7890 122', 'bank_card'), '6217 **** **** ***0 122');
  assert.equal(maskValue('6222021234567894', 'bank_card'), '6222********7894');
  assert.equal(maskValue('110101199003071234', 'id_card_possible', 'full'), '******************');
  assert.equal(maskValue('+86 139-1234-5678', 'mobile', 'full'), '+** ***-****-****');
  for (const v of ['110101199003071234', '+86 139-1234-5678', '6217 0012 3456 7890 122']) assert.equal(maskValue(v, 'mobile').length, v.length);
  assert.equal(normalizedValue('１３９ 1234-5678'), '13912345678');
  const text = '张三 110101199003071234，电话13912345678；李四电话13812345678。';
  const r = redactPersonalData(text, { only: new Set(['110101199003071234', '13812345678']) });
  assert.equal(r.count, 2);
  assert.equal(r.text, '张三 110101********1234，电话13912345678；李四电话138****5678。');
  assert.equal(redactPersonalData(text, { style: 'full' }).text, '张三 ******************，电话***********；李四电话***********。');
});

test('masked previews hide the middle', () => {
  const [id, mobile] = findPersonalData('211302198506123012 13912345678');
  assert.equal(id.masked, '211302********3012');
  assert.equal(mobile.masked, '139****5678');
  assert.equal(maskPersonalData('电话+8613912345678，证号11010519491231002X'), '电话+86139****5678，证号110105********002X');
  assert.equal(maskPersonalData('无个人信息'), '无个人信息');
  assert.deepEqual(findPersonalData(''), []);
});

test('an ID written in parts is masked digit by digit, its separators kept, and redacted by its digits', () => {
  const [m] = findPersonalData('身份证号 110101 19900307 1234');
  assert.equal(m.masked, '110101 ******** 1234');
  assert.equal(normalizedValue(m.value), '110101199003071234');
  assert.equal(redactPersonalData('号 110101-19900307-1234 与 110101199003071234', { only: new Set(['110101199003071234']) }).text, '号 110101-********-1234 与 110101********1234');
});
