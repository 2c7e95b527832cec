import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogForUnit, flattenCatalog, SPECIAL_TOPICS, UNIT_TYPES } from './catalog.ts';
import type { CatalogColumn, UnitType } from './catalog.ts';
import { columnTypeOf } from './taxonomy.ts';

const statutory = (t: UnitType): CatalogColumn[] => catalogForUnit(t).children!.find((c) => c.slug === 'statutory')!.children!;

test('every unit gets the four standard sub-columns (国办公开办函〔2019〕61号) plus 依申请公开', () => {
  for (const t of UNIT_TYPES) {
    const names = catalogForUnit(t).children!.map((c) => c.name.zh);
    assert.deepEqual(names.slice(0, 5), ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报', '依申请公开']);
    // the 制度 holds the unit's own rules as documents: a type of its own, not the guide's
    assert.deepEqual(catalogForUnit(t).children!.slice(0, 2).map((c) => [c.slug, c.type]), [['guide', 'disclosure_guide'], ['rules', 'disclosure_rules']]);
  }
});

test('法定主动公开内容 starts with the 15 items of 条例 第二十条, verbatim', () => {
  const items = statutory('department').filter((c) => c.source.article === 20);
  assert.equal(items.length, 15);
  assert.deepEqual(items.map((c) => c.source.item), Array.from({ length: 15 }, (_, i) => i + 1));
  assert.equal(items[0].fullText, '行政法规、规章和规范性文件');
  assert.equal(items[6].fullText, '财政预算、决算信息');
  assert.equal(items[14].fullText, '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息');
});

const ART21: Array<[UnitType, string[], boolean]> = [
  ['city_government', ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助'], false],
  ['county_government', ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助'], false],
  ['township', ['贯彻落实农业农村政策', '农田水利工程建设运营', '农村土地承包经营权流转', '宅基地使用情况审核', '土地征收', '房屋征收', '筹资筹劳', '社会救助'], false],
  // 第二十一条 names "县级人民政府及其部门": departments carry the items, enabled as relevant.
  ['department', ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助'], true],
  ['park', ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助'], true],
  ['office', ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助'], true],
];

for (const [unitType, names, optional] of ART21) {
  test(`第二十一条 items for ${unitType}`, () => {
    const items = statutory(unitType).filter((c) => c.source.article === 21);
    assert.deepEqual(items.map((c) => c.name.zh), names);
    assert.ok(items.every((c) => Boolean(c.optional) === optional));
  });
}

test('slugs are ASCII, unique within a unit, and every column type is known', () => {
  for (const t of UNIT_TYPES) {
    const flat = flattenCatalog(catalogForUnit(t));
    const paths = flat.map((f) => `${f.parentSlug}/${f.column.slug}`);
    assert.equal(new Set(paths).size, paths.length);
    const slugs = flat.map((f) => f.column.slug);
    assert.equal(new Set(slugs).size, slugs.length, t);
    for (const f of flat) {
      assert.match(f.column.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(columnTypeOf(f.column.type), f.column.type);
      assert.ok(f.column.name.zh && f.column.name.en);
    }
  }
});

test('annual-report text follows 条例 第四十九条 by unit kind; catalogs are fresh copies', () => {
  const gov = catalogForUnit('county_government').children!.find((c) => c.slug === 'annual-reports')!;
  const dep = catalogForUnit('department').children!.find((c) => c.slug === 'annual-reports')!;
  assert.match(gov.fullText!, /3月31日/);
  assert.match(dep.fullText!, /1月31日/);
  const a = catalogForUnit('department');
  a.children!.pop();
  assert.equal(catalogForUnit('department').children!.length, 5);
  assert.throws(() => catalogForUnit('village' as UnitType), TypeError);
});

test('the three demo 专题 of the 2020 work plan', () => {
  assert.deepEqual(SPECIAL_TOPICS.map((t) => t.name.zh), ['六稳六保', '疫情防控', '优化营商环境']);
  for (const t of SPECIAL_TOPICS) {
    assert.match(t.slug, /^[a-z0-9-]+$/);
    assert.ok(t.columns.length > 0 && t.columns.every((c) => columnTypeOf(c.type)));
  }
});
