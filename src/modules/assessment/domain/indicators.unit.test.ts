/** The assessment's pure rules: rates, rescaling over applicable indicators, ranking, weight validation, training rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_WEIGHTS, emptyFigures, INDICATORS, rank, rateOf, referenceDay, scoreOf, validateWeights } from './indicators.ts';
import { csvCell, parseHours, parseNames, validateTraining } from '../../training/domain/rules.ts';

test('default weights add up to 100, each indicator cites its basis', () => {
  assert.equal(INDICATORS.reduce((a, i) => a + i.weight, 0), 100);
  for (const i of INDICATORS) assert.ok(i.basis.length > 4, i.key);
});

test('rates: n/a without a denominator; training capped at the target', () => {
  assert.equal(rateOf('docs_on_time', { num: 0, den: 0 }), null);
  assert.equal(rateOf('docs_on_time', { num: 3, den: 4 }), 0.75);
  assert.equal(rateOf('training', { num: 8, den: 1 }), 0.5);
  assert.equal(rateOf('training', { num: 80, den: 1 }), 1);
  assert.equal(rateOf('training', { num: 32, den: 2 }), 1);
});

test('score is rescaled over the indicators that apply', () => {
  const f = emptyFigures();
  f.docs_on_time = { num: 1, den: 2 }; // 50 % of 15
  f.training = { num: 16, den: 1 }; // 100 % of 10
  assert.equal(scoreOf(f).total, Math.round(((0.5 * 15 + 10) / 25) * 1000) / 10);
  assert.equal(scoreOf(emptyFigures()).total, null);
  assert.equal(scoreOf(f).parts.appeals.points, null);
});

test('competition ranking; unscored last and unranked', () => {
  const r = rank([{ total: 80 }, { total: null }, { total: 90 }, { total: 80 }]);
  assert.deepEqual(r.map((x) => [x.total, x.rank]), [[90, 1], [80, 2], [80, 2], [null, null]]);
});

test('weights: whole numbers, sum exactly 100, target in range; the field is named', () => {
  const ok = Object.fromEntries(Object.entries(DEFAULT_WEIGHTS.weights).map(([k, v]) => [k, String(v)]));
  assert.deepEqual(validateWeights({ ...ok, trainingTarget: '16' }).errors, {});
  assert.match(validateWeights({ ...ok, training: '11', trainingTarget: '16' }).errors.docs_on_time.zh, /之和须为 100（现为 101）/);
  assert.ok(validateWeights({ ...ok, appeals: '-1', trainingTarget: '16' }).errors.appeals);
  assert.ok(validateWeights({ ...ok, trainingTarget: '0' }).errors.trainingTarget);
});

test('reference day: the year end, or today while the year runs', () => {
  assert.equal(referenceDay(2020, '2026-05-01'), '2020-12-31');
  assert.equal(referenceDay(2026, '2026-05-01'), '2026-05-01');
});

test('training rules: date, hours in half hours, names, CSV formula neutralised', () => {
  assert.ok(validateTraining({ held_on: '2020-02-30', topic: 'x', organiser: 'y', hours: '2' }, '2020-12-31').errors.held_on);
  assert.deepEqual(validateTraining({ held_on: '2020-02-28', topic: 'x', organiser: 'y', hours: '2' }, '2020-12-31').errors, {});
  assert.equal(parseHours('1.5'), 1.5);
  assert.equal(parseHours('1.2'), null);
  assert.equal(parseHours('0'), null);
  assert.deepEqual(parseNames('张演示、李演示\n张演示').names, ['张演示', '李演示']);
  assert.ok(parseNames(' ').error);
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
});
