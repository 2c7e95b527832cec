/** The demo corpus: deterministic, valid for publication, with the families the demo relies on. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesizeDocuments, synthesizeDocumentsIter, workPlanDocument } from './corpus.ts';
import { demoCorpusUnits } from './seed.ts';
import { validateDocumentMetadata } from '../domain/validate.ts';
import { parseDocNumber } from '../domain/docnumber.ts';

const units = demoCorpusUnits();

test('the same seed gives the same documents; another seed different ones', () => {
  const a = synthesizeDocuments(200, units, 42);
  const b = synthesizeDocuments(200, units, 42);
  assert.deepEqual(a, b);
  assert.equal(a.length, 200);
  assert.notDeepEqual(synthesizeDocuments(50, units, 43).map((d) => d.title), a.slice(0, 50).map((d) => d.title));
});

test('every published record passes publication validation; 索引号, 外部编号 and 文号 are unique and well-formed', () => {
  const docs = synthesizeDocuments(600, units, 20200825);
  const index = new Set<string>();
  const numbers = new Set<string>();
  for (const d of docs) {
    const v = validateDocumentMetadata({ ...d, issuingUnits: d.issuingUnits, publishDate: d.publishDate }, { mode: 'publish', today: '2020-12-31' });
    assert.ok(v.ok, `${d.title}: ${v.ok ? '' : JSON.stringify(v.errors.map((e) => [e.field, e.message.zh]))}`);
    assert.ok(!index.has(d.indexNo!), d.indexNo);
    index.add(d.indexNo!);
    if (d.docNumber) {
      const p = parseDocNumber(d.docNumber);
      assert.ok(p.ok, d.docNumber);
      assert.ok(!numbers.has(p.normalized), p.normalized);
      numbers.add(p.normalized);
    }
    assert.ok(d.publishDate! >= d.writtenDate!, 'published after it was written');
  }
  assert.equal(new Set(docs.map((d) => d.externalId)).size, docs.length);
});

test('the families the demo needs are there: policies with and without interpretations, repeals, budgets, withdrawals', () => {
  const docs = synthesizeDocuments(400, units, 20200825);
  const byIndex = new Map(docs.map((d) => [d.indexNo, d]));
  const policies = docs.filter((d) => d.topics?.includes('six-stabilities-six-guarantees/policies'));
  const interps = docs.filter((d) => d.interpretationOf);
  assert.ok(policies.length >= 10);
  assert.ok(interps.every((i) => byIndex.has(i.interpretationOf as string)), 'interpretations point at documents of the corpus');
  assert.ok(new Set(interps.map((i) => i.interpretationKind)).size >= 2);
  assert.ok(policies.some((p) => !interps.some((i) => i.interpretationOf === p.indexNo)), 'some policies lack an interpretation');
  const repealed = docs.filter((d) => d.validity === 'repealed' || d.validity === 'amended');
  assert.ok(repealed.length > 0);
  for (const r of repealed) {
    const by = (r.repealedBy ?? r.amendedBy) as string;
    assert.ok(docs.findIndex((d) => d.indexNo === by) < docs.indexOf(r), 'the repealing decision comes first in the file');
  }
  assert.ok(docs.some((d) => d.docType === 'order' && d.legalForm === 'regulation'));
  assert.ok(docs.some((d) => d.normativeRegNo));
  assert.ok(docs.some((d) => d.columns?.includes('budgets-and-final-accounts')));
  assert.ok(docs.some((d) => d.status === 'withdrawn' && d.withdrawalReason));
  assert.ok(docs.some((d) => d.topics?.some((t) => t.startsWith('epidemic-prevention'))));
});

test('the iterator streams without building the whole list (a million for the benchmarks)', () => {
  let n = 0;
  let t0 = Date.now();
  for (const d of synthesizeDocumentsIter(20_000, units, 1, { years: [2019, 2020, 2021] })) {
    n++;
    assert.ok(d.title);
  }
  t0 = Date.now() - t0;
  assert.equal(n, 20_000);
  assert.ok(t0 < 20_000, `20k documents took ${t0} ms`);
});

test('the work plan is the real 2020 text, issued 2020-08-25 by the leading group with the city office', () => {
  const w = workPlanDocument('CODE');
  assert.equal(w.writtenDate, '2020-08-25');
  assert.deepEqual(w.issuingUnits, ['朝阳市政务公开领导小组', 'CODE']);
  assert.match(w.bodyHtml!, /<h3>一、完成政府信息公开平台建设，规范用权信息公开<\/h3>|<h3>一、完成政府信息公开平台建设,规范用权信息公开<\/h3>/);
  assert.match(w.bodyHtml!, /24、规范考核评估/);
  assert.ok(validateDocumentMetadata(w, { mode: 'publish' }).ok);
});

test('titles are unique, no body ends an expiry clause without a date, and a stated expiry matches the metadata', () => {
  const docs = synthesizeDocuments(900, units, 20200825);
  const titles = docs.map((d) => d.title);
  assert.equal(new Set(titles).size, titles.length, 'no two documents share a title');
  for (const d of docs) {
    assert.ok(!/有效期至。/.test(d.bodyHtml ?? ''), `${d.title}: 有效期至 without a date`);
    if (/有效期至/.test(d.bodyHtml ?? '')) assert.ok(d.expiryDate, `${d.title}: the body names an expiry the metadata lacks`);
  }
});
