import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateApplication, validateStaffEntry } from './intake.ts';
import { parseDispositionForm, dispositionToForm, parseStepForm } from '../http/forms.ts';
import { editModel, letterPrefix, requestSummary, unitAbbreviation } from '../store/letters-store.ts';
import { demoIdNumber, demoPhone } from '../demo/seed.ts';
import { validateIdNumber } from './index.ts';
import type { DocModel } from '../../../core/docs/index.ts';

const TODAY = '2024-12-31';
const GOOD = {
  applicant_type: 'natural', name: '王小明', id_type: 'resident_id', id_number: '110101199003078515', phone: '138-5550-1234',
  info_title: '某文件', form: 'paper', delivery: 'post', address: '辽宁省朝阳市示例路1号',
};

test('Art. 29 contents: a complete application passes; the value is normalised', () => {
  const { value, errors } = validateApplication({ ...GOOD, id_number: ' 11010119900307851x ', name: ' 王小明\u0007 ' }, { today: TODAY, requireIdentity: true });
  assert.deepEqual(errors, { id_number: errors.id_number }, 'only the (deliberately wrong) check character fails');
  assert.equal(value.name, '王小明');
  const ok = validateApplication(GOOD, { today: TODAY, requireIdentity: true });
  assert.deepEqual(ok.errors, {});
  assert.equal(ok.value.category, 'natural');
  assert.equal(ok.value.description, '某文件', 'a title alone describes the information');
});

test('organisations: the five kinds of the annual report, a contact person, a unified social credit code', () => {
  const org = { ...GOOD, applicant_type: 'org', org_kind: 'legal_services', contact_person: '李律师', id_type: 'uscc', id_number: '91211300MA0Y5K1X3G' };
  const r = validateApplication(org, { today: TODAY, requireIdentity: true });
  assert.equal(r.value.category, 'legal_services');
  assert.ok(!r.errors.contact_person && !r.errors.org_kind);
  const bad = validateApplication({ ...org, id_number: '91211300MA0Y5K1X3H' }, { today: TODAY, requireIdentity: true });
  assert.ok(bad.errors.id_number, 'USCC check character');
});

test('receipt dates by channel (Art. 31), for staff entries', () => {
  const rows: [Record<string, string>, string | null, string | null][] = [
    [{ channel: 'in_person', handed_in: '2024-10-08' }, '2024-10-08', null],
    [{ channel: 'post', signed_for: '2024-10-09' }, '2024-10-09', null],
    [{ channel: 'post' }, null, 'signed_for'],
    [{ channel: 'letter', arrived: '2024-10-08', confirmed: '2024-10-08' }, '2024-10-08', null],
    [{ channel: 'letter', arrived: '2024-10-09', confirmed: '2024-10-08' }, null, 'arrived'],
    [{ channel: 'fax', confirmed: '2024-10-10' }, '2024-10-10', null],
    [{ channel: 'in_person', handed_in: '2025-01-02' }, null, 'handed_in'],
    [{ channel: 'online', confirmed: '2024-10-10' }, null, 'channel'],
  ];
  for (const [facts, date, field] of rows) {
    const r = validateStaffEntry({ ...GOOD, ...facts }, { today: TODAY });
    if (date) assert.equal(r.value.receivedOn, date, JSON.stringify(facts));
    if (field) assert.ok(r.errors[field], `${JSON.stringify(facts)} → error on ${field}`);
    else assert.deepEqual(r.errors, {}, JSON.stringify(facts));
  }
  assert.equal(validateStaffEntry({ ...GOOD, channel: 'letter', arrived: '2024-10-08', confirmed: '2024-10-09' }, { today: TODAY }).value.warnings.length, 1, 'a late confirmation warns');
  assert.deepEqual(validateStaffEntry({ ...GOOD, id_number: '', channel: 'fax', confirmed: '2024-10-10' }, { today: TODAY }).errors, {}, 'staff may enter an application without identity proof (a correction asks for it)');
});

test('staff forms → domain inputs', () => {
  assert.deepEqual(parseStepForm({ type: 'request_correction', date: '2024-10-09', items: ' 写明文号 \r\n\r\n 写明年份', correct_by: '2024-10-18' })!.input, { type: 'request_correction', date: '2024-10-09', items: ['写明文号', '写明年份'], correctBy: '2024-10-18' });
  assert.deepEqual(parseStepForm({ type: 'extend', workdays: '10', reason: '协调', approved_by: '张主任' })!.input, { type: 'extend', workdays: 10, reason: '协调', approvedBy: '张主任' });
  assert.deepEqual(parseStepForm({ type: 'start_consultation', party_kind: 'organ', parties: '甲局\n乙局', concern: '共同制作' }), { input: { type: 'start_consultation', parties: [{ kind: 'organ', name: '甲局' }, { kind: 'organ', name: '乙局' }] }, extras: { concern: '共同制作' } });
  assert.equal(parseStepForm({ type: 'register' }), null);
  assert.equal(parseStepForm({ type: 'answer' }), null, 'a reply is signed, not posted as a step');
  const d = parseDispositionForm({ key: 'partial', released: '甲\n乙', provision: '邮寄', withheld_1_desc: '丙', withheld_1_ground: 'refuse_process_info', withheld_1_reason: '讨论记录', withheld_2_desc: '', withheld_2_reason: '' });
  assert.deepEqual(d, { key: 'partial', released: [{ description: '甲' }, { description: '乙' }], provision: '邮寄', withheld: [{ description: '丙', ground: 'refuse_process_info', reason: '讨论记录' }] });
  assert.deepEqual(parseDispositionForm(dispositionToForm(d)), d, 'a draft round-trips through its form');
});

test('letter numbers: the registry prefix names the reply sequence; notices swap 公复 for their own', () => {
  const u = { letter_prefix: '双政办公复', short_name: '双塔区政府办' };
  assert.equal(unitAbbreviation(u), '双政办');
  assert.equal(letterPrefix(u, 'reply.release'), '双政办公复');
  assert.equal(letterPrefix(u, 'receipt'), '双政办公收');
  assert.equal(letterPrefix(u, 'extension_notice'), '双政办公延');
  assert.equal(letterPrefix({ letter_prefix: null, short_name: '市司法局' }, 'reply.not_held'), '市司法局公复');
  assert.equal(requestSummary({ info_title: '甲文件', info_number: '朝政发〔2023〕5号', description: '' }), '甲文件，朝政发〔2023〕5号');
  assert.equal(requestSummary({ info_title: null, info_number: null, description: '字'.repeat(100) }).length, 82);
});

test('editing a draft: paragraphs replaced, emptied ones removed, blank lines split, numbers masked; other blocks kept', () => {
  const m: DocModel = { title: 't', blocks: [{ type: 'paragraph', runs: '王小明：' }, { type: 'paragraph', runs: '正文', indent: true }, { type: 'signature', organ: '某局', date: '2024-10-08' }] };
  const e = editModel(m, ['张三：', '第一段\n\n第二段，电话13855501234，身份证110101199003078515']);
  assert.deepEqual(e.blocks.map((b) => (b.type === 'paragraph' ? b.runs : b.type)), ['张三：', '第一段', '第二段，电话138****1234，身份证110***********8515', 'signature']);
  assert.equal((e.blocks[2] as { indent?: boolean }).indent, true);
  assert.equal(editModel(m, ['', '正文']).blocks.length, 2);
});

test('demo identity numbers are valid but plainly fictional (born in 1900); demo phones are in the 5550 block', () => {
  for (let i = 0; i < 60; i++) {
    const r = validateIdNumber(demoIdNumber(i));
    assert.ok(r.ok, demoIdNumber(i));
    if (r.ok) assert.match(r.value.birthDate, /^1900-/);
    assert.match(demoPhone(i), /^13\d5550\d{4}$/);
  }
});
