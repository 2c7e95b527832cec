import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderAtom, renderRss, rfc3339, rfc822, xmlText, type FeedChannel, type FeedItem } from './feeds.ts';
import { renderSitemapIndex, renderUrlset, sitemapParts, SITEMAP_MAX_URLS } from './sitemap.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

const channel: FeedChannel = {
  title: '测试市司法局 · 政府信息公开 <最新>',
  link: 'https://www.example.gov.cn/u/bureau/',
  self: 'https://www.example.gov.cn/u/bureau/feed.xml?a=1&b=2',
  description: '“法规文件” & 政策解读',
  language: 'zh-CN',
  updated: '2024-10-15T02:30:00.000Z',
  id: 'https://www.example.gov.cn/u/bureau/',
};
const items: FeedItem[] = [
  {
    id: 7,
    title: '关于印发<测试>办法的通知 & “解读”\u0001',
    url: 'https://www.example.gov.cn/u/bureau/doc/7',
    summary: "内容概述 it's <b>bold</b> ]]> end",
    publishedAt: '2024-10-15T02:30:00.000Z',
    updatedAt: '2024-10-16T03:00:00.000Z',
    author: '测试市司法局',
    categories: ['综合政务\\政务公开'],
  },
  { id: 8, title: '第二篇', url: 'https://www.example.gov.cn/u/bureau/doc/8', summary: null, publishedAt: '2024-10-14T00:00:00.000Z', updatedAt: '2024-10-14T00:00:00.000Z', author: '司法局' },
];

test('xmlText escapes markup and drops characters XML 1.0 forbids', () => {
  const cases: [string, string][] = [
    ['a<b>&"\'', 'a&lt;b&gt;&amp;&quot;&apos;'],
    ['x\u0000y\u0008z\u000Bq\u001F', 'xyzq'],
    ['tab\tnl\ncr\r', 'tab\tnl\ncr\r'],
    ['lone \uD800 surrogate \uDC00', 'lone  surrogate '],
    ['emoji 😀 kept', 'emoji 😀 kept'],
    ['\uFFFE\uFFFF', ''],
  ];
  for (const [input, want] of cases) assert.equal(xmlText(input), want, JSON.stringify(input));
  assert.equal(xmlText(null), '');
});

test('dates: RFC 822 for RSS, RFC 3339 for Atom', () => {
  assert.equal(rfc822('2024-10-15T02:30:00.000Z'), 'Tue, 15 Oct 2024 02:30:00 +0000');
  assert.equal(rfc3339('2024-10-15T02:30:00.123Z'), '2024-10-15T02:30:00Z');
});

test('RSS 2.0 is valid XML and parses back to the same titles, links and text', () => {
  const xml = renderRss(channel, items);
  assert.equal(XMLValidator.validate(xml), true);
  const doc = parser.parse(xml);
  const ch = doc.rss.channel;
  assert.equal(doc.rss['@version'], '2.0');
  assert.equal(ch.title, '测试市司法局 · 政府信息公开 <最新>');
  assert.equal(ch['atom:link']['@href'], channel.self);
  assert.equal(ch.item.length, 2);
  assert.equal(ch.item[0].title, '关于印发<测试>办法的通知 & “解读”');
  assert.equal(ch.item[0].description, "内容概述 it's <b>bold</b> ]]> end");
  assert.equal(ch.item[0].guid['#text'], items[0].url);
  assert.equal(ch.item[0].pubDate, 'Tue, 15 Oct 2024 02:30:00 +0000');
  assert.equal(ch.item[1].description, undefined);
});

test('Atom is valid XML with ids, updated and links', () => {
  const xml = renderAtom(channel, items);
  assert.equal(XMLValidator.validate(xml), true);
  const feed = parser.parse(xml).feed;
  assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
  assert.equal(feed.updated, '2024-10-15T02:30:00Z');
  assert.equal(feed.entry.length, 2);
  assert.equal(feed.entry[0].id, items[0].url);
  assert.equal(feed.entry[0].updated, '2024-10-16T03:00:00Z');
  assert.equal(feed.entry[0].author.name, '测试市司法局');
  assert.equal(feed.entry[0].category['@term'], '综合政务\\政务公开');
  const self = feed.link.find((l: Record<string, string>) => l['@rel'] === 'self');
  assert.equal(self['@href'], channel.self);
});

test('an empty feed is still valid', () => {
  assert.equal(XMLValidator.validate(renderRss(channel, [])), true);
  assert.equal(XMLValidator.validate(renderAtom(channel, [])), true);
});

test('sitemap urlset and index are valid XML; the 50,000-URL limit is enforced', () => {
  const xml = renderUrlset([{ loc: 'https://x.gov.cn/u/a/doc/1?x=1&y=2', lastmod: '2024-10-15T02:30:00.500Z' }, { loc: 'https://x.gov.cn/u/a/', lastmod: '2024-10-15' }, { loc: 'https://x.gov.cn/' }]);
  assert.equal(XMLValidator.validate(xml), true);
  const set = parser.parse(xml).urlset;
  assert.equal(set.url[0].loc, 'https://x.gov.cn/u/a/doc/1?x=1&y=2');
  assert.equal(set.url[0].lastmod, '2024-10-15T02:30:00Z');
  assert.equal(set.url[1].lastmod, '2024-10-15');
  const idx = renderSitemapIndex([{ loc: 'https://x.gov.cn/sitemap-1.xml' }, { loc: 'https://x.gov.cn/sitemap-2.xml', lastmod: '2024-01-01' }]);
  assert.equal(XMLValidator.validate(idx), true);
  assert.equal(parser.parse(idx).sitemapindex.sitemap.length, 2);
  assert.throws(() => renderUrlset(Array.from({ length: SITEMAP_MAX_URLS + 1 }, (_, i) => ({ loc: `https://x/${i}` }))), RangeError);
  const cases: [number, number][] = [[0, 0], [1, 0], [50_000, 0], [50_001, 2], [100_000, 2], [100_001, 3], [1_000_000, 20]];
  for (const [n, parts] of cases) assert.equal(sitemapParts(n), parts, String(n));
});
