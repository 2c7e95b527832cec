import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, pubDateMeta, topicLabel } from './portal-views.tsx';
import { catalogSlug, standardColumns, urlSlug } from '../../portal/skeleton.ts';
import type { ViewContext } from '../../../core/render/page.tsx';

const zh = { l: 'zh-CN' } as ViewContext;
const en = { l: 'en' } as ViewContext;

test('PubDate meta is Beijing time, YYYY-MM-DD HH:mm (国办发〔2017〕47号 网页设计规范)', () => {
  const cases: [string | null, string | undefined][] = [
    ['2024-10-15T02:30:59.000Z', '2024-10-15 10:30'],
    ['2024-10-15T16:05:00.000Z', '2024-10-16 00:05'],
    [null, undefined],
  ];
  for (const [input, want] of cases) assert.equal(pubDateMeta(input), want, String(input));
});

test('attachment sizes', () => {
  const cases: [number, string][] = [[0, '0 B'], [1023, '1023 B'], [1024, '1 KB'], [1536, '1.5 KB'], [5 * 1024 * 1024, '5 MB'], [1_234_567, '1.2 MB']];
  for (const [n, want] of cases) assert.equal(formatBytes('en', n), want, String(n));
});

test('主题分类 shows as L1\\L2 in Chinese, L1 / L2 in English; unknown codes show nothing', () => {
  assert.equal(topicLabel(zh, '0201'), '综合政务\\政务公开');
  assert.equal(topicLabel(en, '0201'), 'General government affairs / Open government');
  assert.equal(topicLabel(zh, '22'), '其他');
  assert.equal(topicLabel(zh, '9999'), '');
  assert.equal(topicLabel(zh, null), '');
});

test('the portal skeleton comes from the catalog with the short first-level slugs', () => {
  for (const type of ['city_government', 'county_government', 'department', 'township', 'park', 'office']) {
    const cols = standardColumns(type);
    assert.deepEqual(cols.map((c) => c.slug), ['zn', 'zd', 'fdzdgknr', 'nb', 'ysqgk'], type);
    const statutory = cols.find((c) => c.slug === 'fdzdgknr')!;
    assert.equal(statutory.name.zh, '法定主动公开内容');
    const art20 = statutory.children!.slice(0, 15);
    assert.equal(art20[0].slug, 'regulations-and-normative-documents');
    assert.equal(art20[14].slug, 'other-statutory-information');
    // Art. 21 items: governments and townships carry them; for departments they are optional (enabled per unit)
    const n21 = statutory.children!.length - 15;
    assert.equal(n21, type === 'township' ? 8 : type.endsWith('government') ? 7 : 0, type);
  }
  assert.equal(urlSlug('statutory'), 'fdzdgknr');
  assert.equal(catalogSlug('fdzdgknr'), 'statutory');
  assert.equal(catalogSlug('plans'), 'plans');
  assert.deepEqual(standardColumns('unknown').map((c) => c.slug), standardColumns('department').map((c) => c.slug));
});
