import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APPLICANT_CATEGORIES,
  CATEGORIES,
  categoryLabel,
  findIdNumbers,
  isValidIdNumber,
  isValidUscc,
  maskAddress,
  maskIdNumber,
  maskPhone,
  missingApplicationItems,
  receiptDate,
  validateIdNumber,
  type ReceiptFacts,
} from './applicant.ts';

describe('applicant categories (table 3 columns)', () => {
  it('has the six columns with the report’s labels', () => {
    assert.deepEqual([...APPLICANT_CATEGORIES], ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org']);
    assert.deepEqual(
      APPLICANT_CATEGORIES.map((c) => CATEGORIES[c].zh),
      ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    );
    assert.equal(categoryLabel('natural'), '自然人');
    assert.equal(categoryLabel('legal_services'), '法人或其他组织·法律服务机构');
    assert.equal(APPLICANT_CATEGORIES.filter((c) => CATEGORIES[c].group === 'legal_person_or_org').length, 5);
  });
});

describe('receipt date (Art. 31)', () => {
  const CASES: [string, ReceiptFacts, string | null, string?][] = [
    // [name, facts, expected date or null, expected error code]
    ['in person: the day handed in', { channel: 'in_person', handedIn: '2024-10-08' }, '2024-10-08'],
    ['in person without the date', { channel: 'in_person', signedFor: '2024-10-08' }, null, 'missing_date'],
    ['post: the day signed for', { channel: 'post', signedFor: '2024-10-09', arrived: '2024-10-08' }, '2024-10-09'],
    ['post without signature date', { channel: 'post' }, null, 'missing_date'],
    ['letter: the day confirmed', { channel: 'letter', arrived: '2024-10-08', confirmed: '2024-10-08' }, '2024-10-08'],
    ['letter confirmed before it arrived', { channel: 'letter', arrived: '2024-10-08', confirmed: '2024-10-07' }, null, 'confirmed_before_arrival'],
    ['letter without confirmation', { channel: 'letter', arrived: '2024-10-08' }, null, 'missing_date'],
    ['online: the day both sides confirm', { channel: 'online', submitted: '2024-10-05', confirmed: '2024-10-08' }, '2024-10-08'],
    ['online confirmed before submission', { channel: 'online', submitted: '2024-10-08', confirmed: '2024-10-07' }, null, 'confirmed_before_arrival'],
    ['fax: the day both sides confirm', { channel: 'fax', confirmed: '2024-10-08' }, '2024-10-08'],
    ['a date that does not exist', { channel: 'fax', confirmed: '2024-02-30' }, null, 'bad_date'],
    ['a date after today', { channel: 'in_person', handedIn: '2024-10-09', today: '2024-10-08' }, null, 'future_date'],
    ['an unknown channel', { channel: 'pigeon' as never, confirmed: '2024-10-08' }, null, 'unknown_channel'],
  ];
  for (const [name, facts, date, code] of CASES) {
    it(name, () => {
      const r = receiptDate(facts);
      if (date) {
        assert.ok(r.ok, !r.ok ? r.error.zh : '');
        assert.equal(r.value.date, date);
      } else {
        assert.ok(!r.ok);
        assert.equal(r.error.code, code);
        assert.equal(r.error.article, code === 'unknown_channel' ? '第二十九条' : '第三十一条');
        assert.ok(r.error.zh && r.error.en);
      }
    });
  }

  it('warns when an ordinary letter was confirmed after the day it arrived, and counts the confirmation', () => {
    const r = receiptDate({ channel: 'letter', arrived: '2024-10-08', confirmed: '2024-10-10' });
    assert.ok(r.ok);
    assert.equal(r.value.date, '2024-10-10');
    assert.deepEqual(r.value.warnings.map((w) => w.code), ['late_confirmation']);
  });
});

describe('Art. 29 contents', () => {
  it('lists every missing item at once, for the correction notice', () => {
    assert.deepEqual(
      missingApplicationItems({ applicant: { name: '王小明' }, description: ' ' }).map((x) => x.zh),
      ['申请人的身份证明', '申请人的联系方式', '申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述', '申请公开的政府信息的形式要求，包括获取信息的方式、途径'],
    );
    assert.deepEqual(
      missingApplicationItems({ applicant: { name: '王小明', idDocument: '身份证', email: 'w@example.cn' }, description: '2023年预算', form: '电子邮件' }),
      [],
    );
  });
});

describe('identity numbers (GB 11643)', () => {
  const VALID = ['110101199003078515', '211302198506150029', '211324197212310035', '440304200002291236'];
  for (const id of VALID) it(`accepts ${id}`, () => assert.ok(isValidIdNumber(id)));

  it('reads birth date and sex, and accepts a lower-case x', () => {
    const r = validateIdNumber('211302198506150029');
    assert.ok(r.ok);
    assert.deepEqual(r.value, { normalized: '211302198506150029', birthDate: '1985-06-15', sex: 'female' });
    const m = validateIdNumber('110101199003078515');
    assert.ok(m.ok && m.value.sex === 'male');
  });

  const BAD: [string, string, string?][] = [
    ['110101199003078516', 'id_checksum'],
    ['11010119900307851', 'id_format'],
    ['1101011990030785155', 'id_format'],
    ['11010119900307851A', 'id_format'],
    ['110101900307851', 'id_legacy_15'],
    ['990101199003078515', 'id_region'],
    ['110101199002308515', 'id_birth_date'],
    ['110101189003078515', 'id_birth_date'],
    ['440304200002291236', 'id_birth_date', '2000-02-28'],
  ];
  for (const [id, code, today] of BAD) {
    it(`rejects ${id}: ${code}`, () => {
      const r = validateIdNumber(id, today);
      assert.ok(!r.ok);
      assert.equal(r.error.code, code);
    });
  }

  it('finds valid identity numbers in free text, not other long numbers', () => {
    assert.deepEqual(findIdNumbers('申请人王小明，身份证号110101199003078515，电话13812345678，订单号110101199003078516'), ['110101199003078515']);
  });

  it('checks organisations’ unified social credit codes (GB 32100)', () => {
    for (const code of ['11441700007280420Y', '11370322004222241N', '11341702486344515H', '91350100M000100Y43']) assert.ok(isValidUscc(code), code);
    for (const code of ['11441700007280420X', '91350100M000100Y4', 'I1441700007280420Y']) assert.ok(!isValidUscc(code), code);
  });
});

describe('masking', () => {
  it('masks identity numbers, keeping the first 3 and last 4', () => {
    assert.equal(maskIdNumber('110101199003078515'), '110***********8515');
    assert.equal(maskIdNumber('110101199003078515').length, 18);
    assert.equal(maskIdNumber('12345'), '*****');
  });

  const PHONES: [string, string][] = [
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['+8613812345678', '+86138****5678'],
    ['0421-2612345', '0421-***2345'],
    ['2612345', '***2345'],
    ['12345', '***45'],
  ];
  for (const [raw, masked] of PHONES) it(`masks ${raw}`, () => assert.equal(maskPhone(raw), masked));

  const ADDRESSES: [string, string][] = [
    ['辽宁省朝阳市双塔区龙山街道幸福里3号楼2单元501', '辽宁省朝阳市双塔区****'],
    ['辽宁省朝阳市喀喇沁左翼蒙古族自治县大城子街道东街5号', '辽宁省朝阳市喀喇沁左翼蒙古族自治县****'],
    ['朝阳市双塔区幸福小区3号楼', '朝阳市双塔区****'],
    ['内蒙古自治区赤峰市红山区', '内蒙古自治区赤峰市红山区'],
    ['幸福路5号', '幸****'],
  ];
  for (const [raw, masked] of ADDRESSES) it(`masks ${raw}`, () => assert.equal(maskAddress(raw), masked));
});
