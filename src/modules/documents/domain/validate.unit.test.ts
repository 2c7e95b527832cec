import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveValidity, isValidDate, validateDocumentMetadata } from './validate.ts';

const TODAY = '2020-09-01';

// A complete, publishable policy document (fictional).
const GOOD = {
  title: '朝阳市人民政府关于印发朝阳市2020年政务公开工作要点的通知',
  summary: '部署全市2020年政务公开重点工作。',
  issuingUnits: ['unit-city-gov'],
  docNumber: '朝政发[2020]第12号',
  docType: 'notice',
  legalForm: 'normative',
  normativeRegNo: 'CYGS-2020-001',
  writtenDate: '2020-08-25',
  publishDate: '2020-08-28',
  effectiveDate: '2020-08-25',
  topic: '0201',
  validity: 'effective',
  keywords: '政务公开，工作要点、2020',
  source: '朝阳市人民政府办公室',
  disclosure: 'proactive',
};

test('a complete document passes and is normalised', () => {
  const r = validateDocumentMetadata(GOOD, { mode: 'publish', today: TODAY });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.equal(r.value.docNumber, '朝政发〔2020〕12号');
  assert.deepEqual(r.value.keywords, ['政务公开', '工作要点', '2020']);
  assert.equal(r.value.disclosureReason, null);
  assert.deepEqual(r.warnings, []);
});

type Case = [string, Record<string, unknown>, string, string, ('draft' | 'publish')?];
const CASES: Case[] = [
  ['missing title', { title: '' }, 'title', 'required'],
  ['title too short', { title: '通' }, 'title', 'too_short'],
  ['title too long', { title: '长'.repeat(201) }, 'title', 'too_long'],
  ['title not text', { title: 42 }, 'title', 'type'],
  ['no issuing body', { issuingUnits: [] }, 'issuingUnits', 'required'],
  ['issuing body not a list', { issuingUnits: 'unit-1' }, 'issuingUnits', 'required'],
  ['blank issuing body', { issuingUnits: ['unit-1', ' '] }, 'issuingUnits', 'type'],
  ['bad 文号', { docNumber: '朝政发12号' }, 'docNumber', 'doc_number_missing_year'],
  ['unknown 公文种类', { docType: 'memo' }, 'docType', 'invalid_code'],
  ['invalid date', { writtenDate: '2020-02-30' }, 'writtenDate', 'invalid_date'],
  ['date in other format', { writtenDate: '2020年8月25日' }, 'writtenDate', 'invalid_date'],
  ['published before written', { publishDate: '2020-08-20' }, 'publishDate', 'before_written'],
  ['失效 before 生效', { effectiveDate: '2020-09-01', expiryDate: '2020-08-31' }, 'expiryDate', 'before_effective'],
  ['unknown topic', { topic: '0250' }, 'topic', 'invalid_code'],
  ['first-level topic that has children', { topic: '02' }, 'topic', 'invalid_code'],
  ['已修改 without link', { validity: 'amended' }, 'amendedBy', 'required'],
  ['已废止 without link', { validity: 'repealed' }, 'repealedBy', 'required'],
  ['link without matching validity', { repealedBy: 'doc-9' }, 'repealedBy', 'not_applicable'],
  ['尚未生效 without date', { validity: 'not_yet_effective', effectiveDate: null }, 'effectiveDate', 'required'],
  ['尚未生效 but already effective', { validity: 'not_yet_effective', effectiveDate: '2020-08-25' }, 'validity', 'already_effective'],
  ['失效 without date', { validity: 'expired' }, 'expiryDate', 'required'],
  ['失效 but date still ahead', { validity: 'expired', expiryDate: '2021-01-01' }, 'validity', 'not_yet_expired'],
  ['不予公开 without reason', { disclosure: 'withheld', withheldGround: 'process_information' }, 'disclosureReason', 'required'],
  ['不予公开 without legal ground', { disclosure: 'withheld', disclosureReason: '属于内部讨论过程稿' }, 'withheldGround', 'required'],
  ['依申请公开 without reason', { disclosure: 'on_request' }, 'disclosureReason', 'required'],
  ['reason too short', { disclosure: 'on_request', disclosureReason: '不便' }, 'disclosureReason', 'too_short'],
  ['ground on a public document', { withheldGround: 'state_secret' }, 'withheldGround', 'not_applicable'],
  ['unknown disclosure', { disclosure: 'secret' }, 'disclosure', 'invalid_code'],
  ['too many keywords', { keywords: Array.from({ length: 11 }, (_, i) => `词${i}`) }, 'keywords', 'too_many'],
  ['keyword too long', { keywords: ['长'.repeat(21)] }, 'keywords', 'too_long'],
  ['interpretation without kind', { interpretationOf: 'doc-1' }, 'interpretationKind', 'required'],
  ['interpretation kind without policy', { interpretationKind: 'graphic' }, 'interpretationOf', 'required'],
  ['self link', { validity: 'amended', amendedBy: 'doc-self' }, 'amendedBy', 'self_link'],
  ['publish needs summary', { summary: '' }, 'summary', 'required', 'publish'],
  ['publish needs 成文日期', { writtenDate: undefined, publishDate: undefined }, 'writtenDate', 'required', 'publish'],
  ['publish needs topic', { topic: undefined }, 'topic', 'required', 'publish'],
  ['publish needs 公文种类', { docType: undefined }, 'docType', 'required', 'publish'],
  ['publish needs validity for policies', { validity: undefined }, 'validity', 'required', 'publish'],
];

for (const [name, patch, field, code, mode = 'draft'] of CASES) {
  test(`error: ${name}`, () => {
    const r = validateDocumentMetadata({ ...GOOD, ...patch }, { mode, today: TODAY, selfId: 'doc-self' });
    assert.equal(r.ok, false, name);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.field === field && e.code === code);
    assert.ok(hit, `${field}/${code} not in ${JSON.stringify(r.errors.map((e) => `${e.field}/${e.code}`))}`);
    assert.ok(hit.message.zh && hit.message.en);
  });
}

test('all errors are reported at once', () => {
  const r = validateDocumentMetadata({ title: '', issuingUnits: [], docNumber: 'xx', writtenDate: 'bad', disclosure: 'withheld' }, { mode: 'publish' });
  assert.ok(!r.ok);
  const fields = new Set(r.errors.map((e) => e.field));
  for (const f of ['title', 'issuingUnits', 'docNumber', 'writtenDate', 'summary', 'topic', 'disclosureReason', 'withheldGround']) {
    assert.ok(fields.has(f as never), f);
  }
});

test('drafts may be incomplete; publish mode may not', () => {
  const minimal = { title: '关于某事的通知', issuingUnits: ['u1'] };
  const draft = validateDocumentMetadata(minimal);
  assert.ok(draft.ok);
  assert.equal(draft.value.disclosure, 'proactive');
  assert.equal(draft.value.legalForm, 'none');
  assert.equal(validateDocumentMetadata(minimal, { mode: 'publish' }).ok, false);
});

test('joint documents keep every issuing body once, in order (lead body first)', () => {
  const r = validateDocumentMetadata({ ...GOOD, issuingUnits: ['u-lead', 'u-2', 'u-lead', ' u-3 '] });
  assert.ok(r.ok);
  assert.deepEqual(r.value.issuingUnits, ['u-lead', 'u-2', 'u-3']);
});

test('warnings do not block', () => {
  const r = validateDocumentMetadata({ ...GOOD, normativeRegNo: '', effectiveDate: '2020-10-01' }, { mode: 'publish', today: TODAY });
  assert.ok(r.ok);
  assert.deepEqual(r.warnings.map((w) => w.code).sort(), ['future_effective', 'recommended']);
  const reg = validateDocumentMetadata({ ...GOOD, legalForm: 'regulation' });
  assert.ok(reg.ok && reg.warnings.some((w) => w.code === 'regulation_by_order'));
});

test('non-objects are refused', () => {
  for (const input of [null, 'x', [], 3]) assert.equal(validateDocumentMetadata(input).ok, false);
});

test('isValidDate', () => {
  assert.equal(isValidDate('2020-02-29'), true);
  assert.equal(isValidDate('2019-02-29'), false);
  assert.equal(isValidDate('2020-13-01'), false);
  assert.equal(isValidDate('2020-1-1'), false);
  assert.equal(isValidDate(20200101), false);
});

test('deriveValidity from dates', () => {
  assert.equal(deriveValidity('effective', '2020-10-01', null, TODAY), 'not_yet_effective');
  assert.equal(deriveValidity('not_yet_effective', '2020-09-01', null, TODAY), 'effective');
  assert.equal(deriveValidity('effective', '2020-01-01', '2020-09-01', TODAY), 'expired');
  assert.equal(deriveValidity('repealed', '2020-01-01', '2020-09-01', TODAY), 'repealed');
  assert.equal(deriveValidity(null, null, null, TODAY), null);
});
