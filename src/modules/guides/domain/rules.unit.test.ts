import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ELEMENTS, itemsOf, missingElements, validateBundle, validateGuide } from './rules.ts';

const full = { kind: 'licensing', name: '律师执业许可', basis: '《中华人民共和国律师法》第六条', conditions: '通过法律职业资格考试', materials: '1. 申请书\n2. 身份证明', place: '市政务服务中心二楼', office: '市司法局', fees: '不收费', hours: '工作日 8:30—17:00', phone: '0421-2612345', process: '受理\n审查\n决定' };

test('a draft needs only a name; publication needs all ten elements', () => {
  assert.deepEqual(validateGuide({ name: '律师执业许可' }).errors, {});
  const { errors } = validateGuide({ name: '律师执业许可', fees: '不收费' }, true);
  assert.deepEqual(Object.keys(errors).sort(), ELEMENTS.filter((k) => k !== 'name' && k !== 'fees').sort());
  assert.match(errors.basis.zh, /发布前请填写设定依据/);
  assert.deepEqual(validateGuide(full, true).errors, {});
});

test('bad values are named in both languages', () => {
  const { errors } = validateGuide({ ...full, phone: '<script>', online_url: 'javascript:alert(1)', code: 'a b', kind: 'nonsense', materials: 'x'.repeat(1501) });
  assert.deepEqual(Object.keys(errors).sort(), ['code', 'kind', 'materials', 'online_url', 'phone']);
  assert.match(errors.materials.en, /A4/);
});

test('missing elements and list items', () => {
  assert.deepEqual(missingElements({ ...full, hours: ' ', phone: '' }), ['hours', 'phone']);
  assert.deepEqual(itemsOf('1. 申请书\n（2）身份证明\n\n3、 委托书'), ['申请书', '身份证明', '委托书']);
});

test('a bundle joins two to thirty distinct guides', () => {
  assert.equal(validateBundle({ name: '开办餐馆', guides: ['3'] }).errors.guides.zh, '"一件事"至少包含两个办事指南');
  assert.deepEqual(validateBundle({ name: '开办餐馆', guides: ['3', '4', '3'] }).value.guideIds, [3, 4]);
  assert.ok(validateBundle({ name: '开办餐馆', guides: ['3', 'x'] }).errors.guides);
  assert.deepEqual(validateBundle({ name: '开办餐馆', guides: ['3', '4'] }).errors, {});
});

test('telephones as offices write them, notes in parentheses included; anything else is refused', () => {
  for (const phone of ['0421-2612345', '0421-2600001（演示）', '12348（法律援助热线）', '0421-2612345、2612346', '(0421) 2612345 转 8001'])
    assert.equal(validateGuide({ ...full, phone }).errors.phone, undefined, phone);
  for (const phone of ['<script>', '电话', '（工作日）', '0421-2612345（<b>x</b>）', '12'])
    assert.ok(validateGuide({ ...full, phone }).errors.phone, phone);
});
