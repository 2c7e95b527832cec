// The search planner (plan.ts): date bucket covers, newest-first windows, estimates, tsquery pieces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from '../text/query.ts';
import { facet } from './vector.ts';
import {
  addDays, allOf, andSelectivity, anyOf, candidateBlock, closeRange, coverBuckets, docsInRange, estimateCount, facetSelectivity, facetTerms,
  decompound, newestWindow, queryParts, unknownWordParts, windowTarget, type DayLoader, type Histogram,
} from './plan.ts';

// A histogram: documents on given days; months and years summed from them.
function histogram(days: Record<string, number>): { hist: Histogram; loader: DayLoader; days: Map<string, number> } {
  const published = new Map<string, number>();
  const byDay = new Map<string, number>();
  for (const [d, n] of Object.entries(days)) {
    const k = d.replace(/-/g, '');
    byDay.set(k, n);
    published.set(k.slice(0, 4), (published.get(k.slice(0, 4)) ?? 0) + n);
    published.set(k.slice(0, 6), (published.get(k.slice(0, 6)) ?? 0) + n);
  }
  const total = Object.values(days).reduce((a, b) => a + b, 0);
  const loader: DayLoader = async (ym) => new Map([...byDay].filter(([k]) => k.startsWith(ym)));
  return { hist: { total, published, written: new Map() }, loader, days: byDay };
}

/** The days a bucket lexeme stands for. */
function expand(lexeme: string): string[] {
  const b = lexeme.slice(2);
  const start = b.length === 4 ? `${b}-01-01` : b.length === 6 ? `${b.slice(0, 4)}-${b.slice(4)}-01` : `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6)}`;
  const out: string[] = [];
  for (let d = start; ; d = addDays(d, 1)) {
    const k = d.replace(/-/g, '');
    if (!k.startsWith(b)) break;
    out.push(d);
    if (b.length === 8) break;
  }
  return out;
}

const H = histogram({ '2019-03-05': 4, '2019-12-31': 1, '2020-01-01': 2, '2020-02-29': 3, '2020-08-25': 5, '2021-06-30': 7, '2021-07-01': 1 });

const COVERS: [string, string, string][] = [
  ['2019-01-01', '2021-12-31', 'every year whole'],
  ['2019-12-31', '2020-01-01', 'a year boundary'],
  ['2020-02-01', '2020-02-29', 'a leap month whole'],
  ['2020-02-15', '2020-08-30', 'partial months at both ends'],
  ['2020-08-25', '2020-08-25', 'one day'],
  ['2018-05-01', '2019-06-30', 'starting before the data'],
  ['2021-06-30', '2099-01-01', 'open-ended to the right'],
];
for (const [from, to, name] of COVERS) {
  test(`coverBuckets is exact: ${name}`, () => {
    const cover = coverBuckets({ from, to }, H.hist.published, facet.published);
    const days = cover.flatMap(expand);
    for (const d of days) assert.ok(d >= from && d <= to, `${d} outside ${from}..${to}`);
    assert.equal(new Set(days).size, days.length, 'no overlap');
    for (const [k] of H.days) {
      const d = `${k.slice(0, 4)}-${k.slice(4, 6)}-${k.slice(6)}`;
      if (d >= from && d <= to) assert.ok(days.includes(d), `${d} covered`);
    }
    assert.ok(cover.length <= 2 * 31 + 2 * 12 + 10, 'compact');
  });
}

test('coverBuckets uses whole years and months where it can', () => {
  assert.deepEqual(coverBuckets({ from: '2019-01-01', to: '2020-12-31' }, H.hist.published, facet.published), ['~p2019', '~p2020']);
  assert.deepEqual(coverBuckets({ from: '2020-02-01', to: '2020-09-30' }, H.hist.published, facet.published), ['~p202002', '~p202008']);
  assert.deepEqual(coverBuckets({ from: '2022-01-01', to: '2022-12-31' }, H.hist.published, facet.published), []);
});

test('closeRange bounds an open range by the years that hold documents', () => {
  assert.deepEqual(closeRange(undefined, undefined, H.hist.published), { from: '2019-01-01', to: '2021-12-31' });
  assert.deepEqual(closeRange('2020-05-01', undefined, H.hist.published), { from: '2020-05-01', to: '2021-12-31' });
  assert.equal(closeRange('2025-01-01', undefined, H.hist.published), null);
  assert.equal(closeRange(undefined, undefined, new Map()), null);
});

test('newestWindow takes the newest documents, splitting a unit that would overshoot', async () => {
  const all = { from: '2019-01-01', to: '2021-12-31' };
  let w = await newestWindow(all, 1, H.hist, H.loader);
  assert.deepEqual(w, { start: '2021-07-01', docs: 1, complete: false });
  w = await newestWindow(all, 8, H.hist, H.loader);
  assert.equal(w.start, '2021-01-01'); // the whole of 2021 (8 documents) fits
  assert.equal(w.docs, 8);
  // 2020 (10) is taken whole: 18 documents do not overshoot a target of 9 more than twice
  w = await newestWindow(all, 9, H.hist, H.loader);
  assert.equal(w.start, '2020-01-01');
  assert.equal(w.docs, 18);
  // 2021 (8) would overshoot 3 twice: split into months, June into days
  w = await newestWindow(all, 3, H.hist, H.loader);
  assert.deepEqual(w, { start: '2021-06-30', docs: 8, complete: false });
  w = await newestWindow(all, 1000, H.hist, H.loader);
  assert.deepEqual(w, { start: '2019-01-01', docs: 23, complete: true });
  // inside a range that ends mid-month, only the days in it count
  w = await newestWindow({ from: '2019-01-01', to: '2021-06-30' }, 2, H.hist, H.loader);
  assert.equal(w.docs, 7);
  assert.equal(w.start, '2021-06-30');
});

test('docsInRange counts from the buckets, days for partial months', async () => {
  assert.equal(await docsInRange({ from: '2020-02-15', to: '2021-06-30' }, H.hist, H.loader), 3 + 5 + 7);
  assert.equal(await docsInRange({ from: '2019-01-01', to: '2021-12-31' }, H.hist, H.loader), 23);
});

test('andSelectivity: between independence and full correlation', () => {
  assert.equal(andSelectivity([], 100), 1);
  assert.equal(andSelectivity([10], 100), 0.1);
  const s = andSelectivity([25, 25], 100);
  assert.ok(s < 0.25 && s > 0.0625, String(s));
  assert.equal(andSelectivity([10], 0), 0);
});

test('facetSelectivity multiplies the filter shares', () => {
  const df = (l: string) => ({ '~u1': 50, '~knotice': 20 } as Record<string, number>)[l] ?? 0;
  assert.equal(facetSelectivity(['~u1', '~knotice'], df, 100), 0.1);
  assert.equal(facetSelectivity([], df, 100), 1);
});

test('windowTarget: from the estimate, then from what earlier windows showed', () => {
  assert.equal(windowTarget(100, 0.1), 1500);
  assert.equal(windowTarget(100, 0.1, { found: 10, docs: 1000 }), 15000);
  // nothing found in 100 documents: twice as many next, not the whole range
  assert.equal(windowTarget(10, 0.5, { found: 0, docs: 100 }), 200);
  assert.equal(windowTarget(100, 0.01, { found: 0, docs: 100 }), 15000, 'the estimate when it asks for more');
});

test('estimateCount scales what the windows saw to the range', () => {
  assert.equal(estimateCount(30, 1000, 100000), 3000);
  assert.equal(estimateCount(30, 0, 100000), 30);
  assert.equal(estimateCount(30, 1000, 10), 30);
});

test('candidate blocks keep pages 1–5 on one ranked set', () => {
  assert.equal(candidateBlock(20), candidateBlock(100));
  assert.ok(candidateBlock(120) > candidateBlock(100));
});

test('queryParts: title marks, exclusions apart, phrases detected', () => {
  const p = queryParts(parseQuery('营商环境 "政务公开工作" -考核'))!;
  assert.match(p.positive, /'政务公开' <-> '工作'/);
  assert.ok(p.plain.startsWith(p.positive));
  assert.match(p.exclusions, /^ & !/);
  assert.match(p.titlePositive, /'\^政务公开' <-> '\^工作'/);
  assert.ok(!p.titlePositive.includes("'政务公开'"));
  assert.ok(p.hasPhrase);
  assert.deepEqual(p.required.sort(), ['营商环境', '政务公开', '工作'].sort());
  assert.equal(queryParts(parseQuery('营商环境'))!.hasPhrase, false);
  assert.equal(queryParts(parseQuery('')), null);
});

test('facetTerms and tsquery assembly', () => {
  assert.deepEqual(facetTerms({ unitId: 5 }), ['~s5']);
  assert.deepEqual(facetTerms({ unitId: 5, subtree: false, docType: 'notice', validity: 'effective', columnId: 3, topicId: 4, issuerUnitId: 6, subject: '02' }),
    ['~u5', '~c3', '~t4', '~g02', '~knotice', '~i6', '~veffective']);
  assert.equal(anyOf(['~p2020']), "'~p2020'");
  assert.equal(anyOf(['~p2020', '~p2021']), "('~p2020' | '~p2021')");
  assert.equal(allOf("'a' | 'b'", null, "'c'"), "('a' | 'b') & ('c')");
});

test('decompound: an unknown word becomes the phrase of its known parts', () => {
  const df = (l: string) => (({ 三公: 5, 经费: 9, 公开: 50 } as Record<string, number>)[l] ?? 0);
  const parsed = parseQuery('三公经费 公开');
  const parts = unknownWordParts(parsed, df);
  assert.deepEqual([...parts.keys()], ['三公经费']);
  const d = decompound(parsed, parts, df);
  assert.deepEqual(d.phrases, [['三公', '经费']]);
  assert.deepEqual(d.terms, [['公开']]);
  // a word whose parts are not all known stays as typed
  const none = decompound(parsed, parts, (l) => (l === '三公' ? 1 : 0));
  assert.equal(none, parsed);
});
