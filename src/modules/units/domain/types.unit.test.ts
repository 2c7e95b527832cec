import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOWED_PARENTS, allowedChildTypes, placementError, typeAllowedUnder, UNIT_TYPES } from './types.ts';

test('placement table: each type only where the organisation puts it', () => {
  const cases: [type: string, parent: string | null, ok: boolean][] = [
    ['city_government', null, true],
    ['city_government', 'city_government', false],
    ['city_government', 'township', false], // the audit's "市人民政府 under 凌凤街道"
    ['county_government', 'city_government', true],
    ['county_government', null, false],
    ['county_government', 'county_government', false],
    ['township', 'county_government', true],
    ['township', 'city_government', false],
    ['township', 'park', false],
    ['department', 'city_government', true],
    ['department', 'county_government', true],
    ['department', 'department', false],
    ['department', 'township', false],
    ['department', null, false],
    ['office', 'city_government', true],
    ['office', 'township', false],
    ['park', 'city_government', true],
    ['park', 'county_government', true],
    ['park', 'township', false],
    ['park', 'department', false],
    ['kingdom', 'city_government', false],
    ['department', 'kingdom', false],
  ];
  for (const [type, parent, ok] of cases) assert.equal(typeAllowedUnder(type, parent), ok, `${type} under ${parent}`);
});

test('the types offered under each parent', () => {
  assert.deepEqual(allowedChildTypes(null), ['city_government']);
  assert.deepEqual(allowedChildTypes('city_government'), ['county_government', 'department', 'office', 'park']);
  assert.deepEqual(allowedChildTypes('county_government'), ['department', 'office', 'township', 'park']);
  assert.deepEqual(allowedChildTypes('township'), []);
  assert.deepEqual(allowedChildTypes('department'), []);
  assert.deepEqual(allowedChildTypes('park'), []);
  // every type has a place somewhere
  for (const t of UNIT_TYPES) assert.ok(ALLOWED_PARENTS[t].length > 0, t);
});

test('the refusal names what may sit there, in both languages', () => {
  const m = placementError('city_government', 'township');
  assert.match(m.zh, /“市人民政府”不能设在“乡镇人民政府（街道办事处）”之下/);
  assert.match(m.zh, /其下不能设立下级单位/);
  const n = placementError('township', 'city_government');
  assert.match(n.zh, /只能设立：县（市）区人民政府、政府工作部门、其他直属单位、园（景）区管委会/);
  assert.match(n.en, /cannot sit under a city government/);
});
