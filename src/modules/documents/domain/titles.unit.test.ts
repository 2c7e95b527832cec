import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretationTitle } from './titles.ts';

test('the interpretation title never nests 《《…》》 (staff audit 2026-12-04 §1)', () => {
  assert.equal(interpretationTitle('测试市促进就业若干政策措施'), '《测试市促进就业若干政策措施》政策解读');
  assert.equal(interpretationTitle('《朝阳市行政规范性文件管理办法》'), '《朝阳市行政规范性文件管理办法》政策解读');
  assert.equal(interpretationTitle('朝阳市人民政府关于印发《朝阳市优化营商环境若干措施》的通知'), '《朝阳市优化营商环境若干措施》政策解读');
  assert.equal(interpretationTitle('关于贯彻《条例》和《办法》的意见'), '《关于贯彻〈条例〉和〈办法〉的意见》政策解读');
  for (const t of ['《朝阳市行政规范性文件管理办法》', '关于贯彻《条例》的意见']) assert.doesNotMatch(interpretationTitle(t), /《[^》]*《/);
});
