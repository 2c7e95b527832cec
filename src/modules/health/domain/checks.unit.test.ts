/** The health checks as pure functions: freshness by column type, words, metadata, 解读, messages, links, accessibility, score, work orders. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnIssue, filledElsewhere, type ColumnFacts } from './columns.ts';
import { DEFAULT_WORDS, parseWordLists, scanText } from './text.ts';
import { accessibilityIssues, interpretationMissing, messageOverdue, missingMetadata, type DocFacts } from './content.ts';
import { classifyHref, resolveInternal, type LinkIndex } from './links.ts';
import { extractLinks } from './html.ts';
import { emptyCounts, scoreSite } from './score.ts';
import { stepError, reopenedState } from './orders.ts';

const col = (o: Partial<ColumnFacts>): ColumnFacts => ({ id: 1, type: 'news', firstLevel: true, container: false, count: 3, last: '2020-09-01', ...o });

test('column freshness: 动态 two weeks, 通知公告/政策文件 six months at the first level, others six months; empty columns', () => {
  assert.equal(columnIssue(col({ last: '2020-09-01' }), '2020-09-15'), null, '14 days: still fresh');
  assert.deepEqual(columnIssue(col({ last: '2020-09-01' }), '2020-09-16'), { kind: 'stale', cls: 'dynamic', days: 14, since: '2020-09-01', overBy: 1 });
  assert.equal(columnIssue(col({ type: 'policy', last: '2020-04-01' }), '2020-09-16'), null);
  assert.equal((columnIssue(col({ type: 'policy', last: '2020-03-01' }), '2020-09-16') as { cls: string }).cls, 'periodic');
  assert.equal((columnIssue(col({ type: 'notice', firstLevel: false, last: '2020-03-01' }), '2020-09-16') as { cls: string }).cls, 'long', 'a deeper notice column counts as long-stale only');
  assert.equal((columnIssue(col({ type: 'finance', last: '2020-03-01' }), '2020-09-16') as { cls: string }).cls, 'long');
  assert.equal(columnIssue(col({ type: 'overview', last: '2010-01-01' }), '2020-09-16'), null, '概况 is not periodic');
  assert.deepEqual(columnIssue(col({ count: 0, last: null }), '2020-09-16'), { kind: 'empty' });
  assert.equal(columnIssue(col({ count: 0, last: null, container: true }), '2020-09-16'), null, 'a container is never empty');
  assert.equal(columnIssue(col({ last: null }), '2020-09-16')?.kind, 'stale', 'items without a publish date count as not updated');
});

test('filled elsewhere, by column type: the guide is, the 政府信息公开制度 (its own type) is not, so an empty one is reported', () => {
  assert.ok(filledElsewhere({ type: 'disclosure_guide' }) && filledElsewhere({ type: 'annual_report' }));
  assert.equal(filledElsewhere({ type: 'disclosure_rules' }), false);
  assert.deepEqual(columnIssue(col({ type: 'disclosure_rules', count: 0, last: null, container: filledElsewhere({ type: 'disclosure_rules' }) }), '2020-09-16'), { kind: 'empty' });
  assert.equal(columnIssue(col({ type: 'disclosure_rules', last: '2010-01-01' }), '2020-09-16'), null, 'no fixed cadence: updated on change');
});

test('typos and sensitive words: the default list, longest match first, counts, the administrator\u2019s list', () => {
  const hits = scanText('截止目前，我市已签定协议3份，再次签定1份。截至目前情况良好。此处填写', DEFAULT_WORDS);
  const by = Object.fromEntries(hits.map((h) => [h.word, h]));
  assert.equal(by['截止目前'].right, '截至目前');
  assert.equal(by['签定'].count, 2);
  assert.equal(by['此处填写'].kind, 'sensitive');
  assert.equal(by['此处填写'].serious, true);
  assert.equal(hits.length, 3);
  assert.deepEqual(scanText('截止到目前', DEFAULT_WORDS).map((h) => h.word), ['截止到目前'], 'the longer entry wins, the part is not counted again');
  assert.deepEqual(scanText('十四五规划', DEFAULT_WORDS), []);
  const { value, errors } = parseWordLists({ typos: '!张三丰=张三峰\n报导=报道\nbad line', sensitive: '某敏感词\n\n' });
  assert.deepEqual(errors, { typos: 3 });
  assert.deepEqual(value.typos, [{ wrong: '张三丰', right: '张三峰', serious: true }, { wrong: '报导', right: '报道' }]);
  const h = scanText('会见张三丰同志；某敏感词', value);
  assert.equal(h.filter((x) => x.serious).length, 2);
});

const doc = (o: Partial<DocFacts> = {}): DocFacts => ({ index_no: 'X-2020-0001', title: '通知', publish_date: '2020-09-01', topic_code: '01', legal_form: 'none', doc_number: null, written_date: null, validity: null, issuers: 1, interprets_id: null, ...o });

test('metadata: the catalogue fields always, 文号/成文日期/有效性 for policies', () => {
  assert.deepEqual(missingMetadata(doc()), []);
  assert.deepEqual(missingMetadata(doc({ topic_code: null, issuers: 0 })), ['issuer', 'topic_code']);
  assert.deepEqual(missingMetadata(doc({ legal_form: 'normative' })), ['doc_number', 'written_date', 'validity']);
  assert.deepEqual(missingMetadata(doc({ legal_form: 'other_policy', written_date: '2020-08-01', validity: 'valid' })), []);
});

test('解读 missing after the working days; messages overdue and the three-month veto', () => {
  const p = { legal_form: 'normative', publish_date: '2020-09-01', interpreted: false, dueOn: '2020-09-08' };
  assert.equal(interpretationMissing(p, '2020-09-08'), false);
  assert.equal(interpretationMissing(p, '2020-09-09'), true);
  assert.equal(interpretationMissing({ ...p, interpreted: true }, '2020-12-01'), false);
  assert.equal(interpretationMissing({ ...p, legal_form: 'none' }, '2020-12-01'), false);
  const m = { status: 'assigned', received_on: '2020-06-01', due_on: '2020-06-08' };
  assert.deepEqual(messageOverdue(m, '2020-06-08'), { overdue: false, veto: false });
  assert.deepEqual(messageOverdue(m, '2020-06-09'), { overdue: true, veto: false });
  assert.deepEqual(messageOverdue(m, '2020-09-02'), { overdue: true, veto: true });
  assert.deepEqual(messageOverdue({ ...m, status: 'answered' }, '2021-01-01'), { overdue: false, veto: false });
});

test('links: classification, documents and attachments from the index, the route table, unknown units', () => {
  const own = new Set(['www.chaoyang.gov.cn']);
  assert.equal(classifyHref('#top', own).kind, 'skip');
  assert.equal(classifyHref('mailto:a@b.cn', own).kind, 'skip');
  assert.equal(classifyHref('javascript:alert(1)', own).kind, 'malformed');
  assert.deepEqual(classifyHref('https://www.chaoyang.gov.cn/u/sfj/doc/3', own), { kind: 'internal', path: '/u/sfj/doc/3' });
  assert.equal(classifyHref('http://www.gov.cn/zhengce/', own).kind, 'external');
  const ix: LinkIndex = { routes: ['/u/:slug/doc/:id', '/u/:slug/latest', '/search', '/static/*'], slugs: new Set(['sfj', 'city']), documents: new Map([[3, 'sfj']]), attachments: new Set(['3/7']), library: new Set(['0123456789abcdef01234567.png']) };
  assert.equal(resolveInternal('/u/sfj/doc/3', ix), 'ok');
  assert.equal(resolveInternal('/u/city/doc/3', ix), 'document-missing', 'served under its own unit only');
  assert.equal(resolveInternal('/u/sfj/doc/4', ix), 'document-missing');
  assert.equal(resolveInternal('/api/v1/documents/3/attachments/7', ix), 'ok');
  assert.equal(resolveInternal('/api/v1/documents/3/attachments/8', ix), 'attachment-missing');
  assert.equal(resolveInternal('/library/0123456789abcdef01234567.png', ix), 'ok');
  assert.equal(resolveInternal('/library/ffffffffffffffffffffffff.png', ix), 'library-missing', 'no item with that key, or its unit inactive');
  assert.equal(resolveInternal('/library/', ix), 'unknown-page');
  assert.equal(resolveInternal('/u/gone/latest', ix), 'no-such-unit');
  assert.equal(resolveInternal('/u/sfj/latest', ix), 'ok');
  assert.equal(resolveInternal('/static/css/site.css', ix), 'ok');
  assert.equal(resolveInternal('/no-such-page', ix), 'unknown-page');
  assert.deepEqual(extractLinks('<p><a href="/u/sfj/doc/3?x=1&amp;y=2">a</a><img src=\'/static/a.png\' alt="x"><a name="n">n</a></p>'), [{ href: '/u/sfj/doc/3?x=1&y=2', tag: 'a' }, { href: '/static/a.png', tag: 'img' }]);
});

test('100,000 internal links resolve from the index in well under the 5-minute goal (pure part)', () => {
  const documents = new Map<number, string>();
  for (let i = 1; i <= 50_000; i++) documents.set(i, 'sfj');
  const ix: LinkIndex = { routes: ['/u/:slug/doc/:id', '/u/:slug/latest', '/search'], slugs: new Set(['sfj']), documents, attachments: new Set(), library: new Set() };
  const html = Array.from({ length: 100 }, (_, i) => `<p><a href="/u/sfj/doc/${i * 997 + 1}">第${i}条</a></p>`).join('');
  const t0 = performance.now();
  let broken = 0;
  for (let d = 0; d < 1000; d++) for (const l of extractLinks(html)) { const c = classifyHref(l.href, new Set()); if (c.kind === 'internal' && resolveInternal(c.path, ix) !== 'ok') broken++; }
  const ms = performance.now() - t0;
  assert.equal(broken, 1000 * 49, 'links past id 50,000 are broken');
  assert.ok(ms < 10_000, `${Math.round(ms)} ms`);
});

test('accessibility basics: img alt, empty links, heading order, empty headings, tables without headers', () => {
  assert.deepEqual(accessibilityIssues('<h3>零</h3><h2>一</h2><p><img src="a.png" alt=""><img src="b.png" alt="图"></p><h3>二</h3>'), {});
  assert.deepEqual(accessibilityIssues('<h4>跳级</h4><h2> </h2><a href="/x"></a><a href="/y"><img src="i.png" alt="说明"></a><img src="c.png"><table><tr><td>1</td></tr></table>'), { 'heading-order': 1, 'empty-heading': 1, 'empty-link': 1, 'img-alt': 1, 'table-header': 1 });
});

test('score: any 单项否决 fails the site; deductions out of 100 with caps, below 60 fails', () => {
  const clean = scoreSite(emptyCounts());
  assert.deepEqual(clean, { vetoes: [], points: 100, deductions: {}, verdict: 'pass' });
  const stale = scoreSite({ ...emptyCounts(), staleColumns: 5 });
  assert.deepEqual(stale.vetoes, ['columns_stale']);
  assert.equal(stale.verdict, 'fail');
  assert.deepEqual(scoreSite({ ...emptyCounts(), staleColumns: 4, longStaleColumns: 6 }).vetoes, ['columns_long_stale']);
  assert.deepEqual(scoreSite({ ...emptyCounts(), messagesOver3Months: 1, seriousErrors: 1, homeStale: true, emptyColumns: 5 }).vetoes, ['home_stale', 'columns_empty', 'serious_error', 'interaction']);
  const s = scoreSite({ ...emptyCounts(), brokenLinks: 3, missingMetadata: 100, overdueMessages: 1 });
  assert.deepEqual(s.deductions, { links: 1.5, metadata: 10, messages: 2 });
  assert.equal(s.points, 86.5);
  assert.equal(scoreSite({ ...emptyCounts(), brokenLinks: 100, staleColumns: 4, longStaleColumns: 5, emptyColumns: 4, missingInterpretations: 9, overdueMessages: 20 }).verdict, 'fail');
});

test('work orders: 待处理 → 已指派 → 已整改 → 已核验 → 已关闭; verification needs the problem gone or a reason', () => {
  assert.equal(stepError('assign', 'open', { stillFound: true, assignee: 'sfj.editor' }), null);
  assert.equal(stepError('assign', 'open', { stillFound: true }), 'assignee');
  assert.equal(stepError('fix', 'assigned', { stillFound: true }), null);
  assert.equal(stepError('verify', 'fixed', { stillFound: true }), 'still-found');
  assert.equal(stepError('verify', 'fixed', { stillFound: true, note: '误报：人名核实无误' }), null);
  assert.equal(stepError('verify', 'fixed', { stillFound: false }), null);
  assert.equal(stepError('close', 'fixed', { stillFound: false }), 'state');
  assert.equal(stepError('reject', 'fixed', { stillFound: true }), 'note');
  assert.equal(reopenedState('closed'), 'open');
  assert.equal(reopenedState('assigned'), null);
});
