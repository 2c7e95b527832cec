import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indentName, treeOrder } from './tree.ts';

const u = (id: number, parent_id: number | null, sort_order = 0, name = `u${id}`) => ({ id, parent_id, sort_order, name });

test('tree order: each unit right after its parent, siblings by sort number then id', () => {
  // rows as a depth sort returns them: the city, its bodies (a park last), then the townships
  const rows = [
    u(1, null, 0, '市政府'),
    u(2, 1, 1, '司法局'), u(3, 1, 14, '双塔区'), u(4, 1, 18, '建平县'), u(9, 1, 26, '凤凰山景区'),
    u(5, 3, 21, '凌凤街道'), u(6, 3, 22, '桃花吐镇'), u(7, 4, 23, '叶柏寿街道'),
  ];
  const out = treeOrder(rows);
  assert.deepEqual(out.map((r) => r.name), ['市政府', '司法局', '双塔区', '凌凤街道', '桃花吐镇', '建平县', '叶柏寿街道', '凤凰山景区']);
  assert.deepEqual(out.map((r) => r.level), [0, 1, 1, 2, 2, 1, 2, 1]);
  // the township never follows the scenic area
  assert.ok(out.findIndex((r) => r.name === '凌凤街道') < out.findIndex((r) => r.name === '凤凰山景区'));
});

test('sibling order: sort number, then id; input order does not matter', () => {
  const rows = [u(4, 1, 5), u(3, 1, 5), u(2, 1, 1), u(1, null)];
  assert.deepEqual(treeOrder(rows).map((r) => r.id), [1, 2, 3, 4]);
  assert.deepEqual(treeOrder([...rows].reverse()).map((r) => r.id), [1, 2, 3, 4]);
});

test('a scoped list (parent not in it) starts its own tree at level 0', () => {
  const out = treeOrder([u(6, 3, 2), u(3, 1, 0), u(5, 3, 1)]);
  assert.deepEqual(out.map((r) => [r.id, r.level]), [[3, 0], [5, 1], [6, 1]]);
});

test('a corrupt cycle does not loop and loses no row', () => {
  const out = treeOrder([u(1, 2), u(2, 1), u(3, null)]);
  assert.deepEqual(out.map((r) => r.id).sort(), [1, 2, 3]);
});

test('indentName indents with ideographic spaces', () => {
  assert.equal(indentName(2, '凌凤街道'), '　　凌凤街道');
  assert.equal(indentName(0, '市政府'), '市政府');
});
