import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml, Shell, type SiteInfo, type ViewContext } from './page.tsx';
import { defaultFooter, type SiteFooter } from './site-footer.tsx';
import type { Locale } from './i18n.ts';

const site = (footer?: SiteFooter, siteName = '朝阳市人民政府'): SiteInfo => ({ siteName, siteDomain: 'gk.example.org', siteIdCode: '2113000001', publicUrl: 'https://gk.example.org', footer });
const ctx = (s: SiteInfo, l: Locale = 'zh-CN'): ViewContext => ({ l, elder: false, path: '/', site: s, actor: null, can: () => false });
const page = (s: SiteInfo, l: Locale = 'zh-CN') =>
  renderHtml(<Shell c={ctx(s, l)} title="测试" area="portal" meta={{ columnName: '测试' }}><p>正文</p></Shell>);
const footerOf = (html: string) => /<footer class="footer" role="contentinfo">([\s\S]*)<\/footer>/.exec(html)?.[1] ?? '';

test('the footer is rendered once per settings and locale, and a new settings object shows at once', () => {
  const a = { ...defaultFooter('朝阳市人民政府', '2113000001'), sponsor: '朝阳市人民政府办公室（甲）' };
  const first = footerOf(page(site(a)));
  assert.match(first, /主办单位：朝阳市人民政府办公室（甲）/);
  assert.match(first, /2113000001/);
  assert.equal(footerOf(page(site(a))), first, 'the same settings give the same footer');

  // FooterSource.set replaces the object on every save: the next page carries the new values
  const b = { ...a, sponsor: '朝阳市人民政府办公室（乙）', icpNo: '' };
  const second = footerOf(page(site(b)));
  assert.match(second, /朝阳市人民政府办公室（乙）/);
  assert.doesNotMatch(second, /（甲）|beian\.miit\.gov\.cn/);

  // the locale is part of the key
  const en = footerOf(page(site(b), 'en'));
  assert.match(en, /Demo data: all people/);
  assert.doesNotMatch(en, /演示数据/);
  assert.match(footerOf(page(site(b))), /演示数据/);
});

test('the footer escapes what a system admin typed, although the shell inserts it as markup', () => {
  const f = { ...defaultFooter('朝阳市人民政府'), sponsor: '<script>alert(1)</script>', contactAddress: '"><img src=x onerror=alert(1)>' };
  const html = footerOf(page(site(f)));
  assert.doesNotMatch(html, /<script>|<img src=x/);
  assert.match(html, /&lt;script>alert\(1\)&lt;\/script>/);
});

test('without stored settings the defaults are rendered per site name', () => {
  assert.match(footerOf(page(site(undefined, '甲市人民政府'))), /甲市人民政府办公室/);
  const other = footerOf(page(site(undefined, '乙市人民政府')));
  assert.match(other, /乙市人民政府办公室/);
  assert.doesNotMatch(other, /甲市/);
});
