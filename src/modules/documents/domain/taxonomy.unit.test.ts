import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COLUMN_TYPES, DISCLOSURE, DOC_TYPES, INTERPRETATION_KINDS, TOPICS, VALIDITY, WITHHELD_GROUNDS,
  columnTypeOf, findTopic,
} from './taxonomy.ts';

test('主题分类 has the 22 gov.cn first-level categories in order', () => {
  assert.equal(TOPICS.length, 22);
  assert.equal(TOPICS[0].zh, '国务院组织机构');
  assert.equal(TOPICS[1].zh, '综合政务');
  assert.equal(TOPICS[16].zh, '民政、扶贫、救灾');
  assert.equal(TOPICS[21].zh, '其他');
  assert.deepEqual(TOPICS.map((t) => t.code), Array.from({ length: 22 }, (_, i) => String(i + 1).padStart(2, '0')));
});

test('topic codes are unique, stable and 其他 is always 99', () => {
  const codes = TOPICS.flatMap((t) => [t.code, ...t.children.map((c) => c.code)]);
  assert.equal(new Set(codes).size, codes.length);
  for (const t of TOPICS) {
    for (const c of t.children) assert.ok(c.code.startsWith(t.code) && c.code.length === 4);
    const other = t.children.find((c) => c.zh === '其他');
    if (other) assert.equal(other.code, t.code + '99');
  }
  assert.equal(findTopic('0201')?.pathZh, '综合政务\\政务公开');
  assert.equal(findTopic('0299')?.l2?.zh, '其他');
  assert.equal(findTopic('1802')?.l2?.zh, '宗教事务');
});

test('findTopic: bare first level only where there is no second level', () => {
  assert.equal(findTopic('22')?.l1.zh, '其他');
  assert.equal(findTopic('02'), null);
  assert.equal(findTopic('0250'), null);
  assert.equal(findTopic('99'), null);
  assert.equal(findTopic(''), null);
});

test('公文种类: the 15 kinds of 党政机关公文处理工作条例 第八条 plus 其他', () => {
  const zh = DOC_TYPES.map((d) => d.zh);
  assert.equal(DOC_TYPES.length, 16);
  assert.deepEqual(zh.slice(0, 15), ['决议', '决定', '命令（令）', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要']);
});

test('enumerations have unique codes and both labels', () => {
  for (const list of [DOC_TYPES, VALIDITY, DISCLOSURE, WITHHELD_GROUNDS, INTERPRETATION_KINDS, COLUMN_TYPES] as const) {
    const codes = (list as readonly { code: string; zh: string; en: string }[]).map((x) => x.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const x of list as readonly { zh: string; en: string }[]) assert.ok(x.zh && x.en);
  }
  assert.deepEqual(VALIDITY.map((v) => v.zh), ['尚未生效', '有效', '已修改', '已废止', '失效']);
  assert.deepEqual(DISCLOSURE.map((v) => v.zh), ['主动公开', '依申请公开', '不予公开']);
  assert.deepEqual(INTERPRETATION_KINDS.map((v) => v.code), ['text', 'graphic', 'video', 'expert', 'media']);
});

test('column freshness follows 国办秘函〔2019〕19号: news 2 weeks, notices/policies 6 months', () => {
  assert.equal(columnTypeOf('news')?.freshnessDays, 14);
  assert.equal(columnTypeOf('notice')?.freshnessMonths, 6);
  assert.equal(columnTypeOf('policy')?.freshnessMonths, 6);
  assert.equal(columnTypeOf('overview')?.freshnessDays, null);
  assert.equal(columnTypeOf('nope'), undefined);
});
