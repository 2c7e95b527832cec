/**
 * The published comments of a consultation come 50 a page, on the public page (`?comments_page=N`, links
 * that work without JavaScript) and in `GET /api/v1/consultations/{id}` (`comments_page`, `comments_pages`);
 * a bad page value shows the first page (HTML) or is a 400 with a message (API) — never a 500. The
 * figures (published total, adopted, refusals per reason) count every comment, not only the page's.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { encryptPii } from '../../../core/pii/crypto.ts';
import { publishConsultation, saveConsultation, saveDecision } from '../commands/editorial.ts';

let t: TestApp;
let id: number;
const PUBLISHED = 120;

before(async () => {
  t = await testApp();
  const tree = await seedTree(t.db.db);
  const sys = systemContext('test');
  const today = shanghaiDate();
  const dec = await saveDecision(t.db.db, sys, { id: null, unitId: tree.bureau.id }, { year: today.slice(0, 4), title: '测试市养犬管理规定', undertaker: '测试市公安局' });
  id = await saveConsultation(t.db.db, sys, { id: null, decisionId: dec }, { title: '养犬管理规定征求意见', draft_html: '<p>草案</p>', explanation_html: '<p>说明</p>', opens_on: today, closes_on: addDays(today, 30) });
  await publishConsultation(t.db.db, sys, id);
  const contact = encryptPii(t.cfg.piiKeys, 'contact', '13900000000');
  const rows = Array.from({ length: PUBLISHED }, (_, i) => ({ consultation_id: id, name: `意见人${i + 1}`, contact_enc: contact, body: `第${i + 1}条公开意见。`, status: 'published' }));
  await t.db.db.insertInto('consultation_comments').values([
    ...rows,
    { consultation_id: id, name: '', contact_enc: contact, body: '广告', status: 'rejected', reject_reason: 'advertising' },
    { consultation_id: id, name: '', contact_enc: contact, body: '待审核的意见', status: 'pending' },
  ]).execute();
});
after(async () => {
  await t.close();
});

const bodies = (html: string) => [...html.matchAll(/第(\d+)条公开意见/g)].map((m) => Number(m[1]));

test('the public page shows 50 published comments a page, with page links that work without JavaScript', async () => {
  const first = await t.app.inject({ url: `/consultations/${id}` });
  assert.equal(first.statusCode, 200);
  assert.deepEqual(bodies(first.body), Array.from({ length: 50 }, (_, i) => i + 1));
  assert.match(first.body, /公开的意见（120 条）/, 'the heading counts every published comment');
  assert.match(first.body, /另有 1 条意见未予公开/);
  assert.match(first.body, /<nav aria-label="公开意见分页">/);
  assert.match(first.body, new RegExp(`href="/consultations/${id}\\?comments_page=2#h-comments" rel="next"`));
  assert.match(first.body, new RegExp(`href="/consultations/${id}\\?comments_page=3#h-comments"`));
  assert.doesNotMatch(first.body, /待审核的意见/);

  const third = await t.app.inject({ url: `/consultations/${id}?comments_page=3` });
  assert.equal(third.statusCode, 200);
  assert.deepEqual(bodies(third.body), Array.from({ length: 20 }, (_, i) => i + 101));
  assert.match(third.body, /<ol class="comments" start="101">/, 'the numbering goes on across pages');
  assert.match(third.body, /<span aria-current="page">3<\/span>/);
  assert.match(third.body, new RegExp(`href="/consultations/${id}\\?comments_page=2#h-comments" rel="prev"`));

  for (const bad of ['0', '-1', 'abc', '99', '1e3', '2.5', '99999999999']) {
    const r = await t.app.inject({ url: `/consultations/${id}?comments_page=${encodeURIComponent(bad)}` });
    assert.equal(r.statusCode, 200, bad);
    assert.deepEqual(bodies(r.body).slice(0, 2), [1, 2], `${bad}: the first page`);
  }
  const en = await t.app.inject({ url: `/consultations/${id}?comments_page=2`, headers: { 'accept-language': 'en' } });
  assert.match(en.body, /Pages of published comments/);
  assert.deepEqual(bodies(en.body).slice(0, 1), [51]);
});

test('the API pages the comments: comments_page, comments_pages and the total; a bad page is a 400 with a message', async () => {
  const one = await t.app.inject({ url: `/api/v1/consultations/${id}` });
  assert.equal(one.statusCode, 200);
  const b = one.json() as { comments: { body: string }[]; comments_page: number; comments_pages: number; comments_per_page: number; comments_published: number; comments_received: number; comments_not_published: Record<string, number> };
  assert.deepEqual([b.comments.length, b.comments_page, b.comments_pages, b.comments_per_page, b.comments_published, b.comments_received], [50, 1, 3, 50, 120, 122]);
  assert.deepEqual(b.comments_not_published, { advertising: 1 });
  const p3 = (await t.app.inject({ url: `/api/v1/consultations/${id}?comments_page=3` })).json() as typeof b;
  assert.deepEqual([p3.comments.length, p3.comments_page, p3.comments[0].body], [20, 3, '第101条公开意见。']);
  for (const bad of ['0', 'abc', '4', '2.5']) {
    const r = await t.app.inject({ url: `/api/v1/consultations/${id}?comments_page=${bad}` });
    assert.equal(r.statusCode, 400, bad);
    assert.match(r.body, /comments_page|page/i, `${bad}: the message names the parameter`);
  }
  const past = await t.app.inject({ url: `/api/v1/consultations/${id}?comments_page=4` });
  assert.match(past.body, /共 3 页/);
  const spec = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, { get: { parameters?: { name: string }[] } }> };
  assert.ok(spec.paths['/api/v1/consultations/{id}'].get.parameters?.some((p) => p.name === 'comments_page'), 'the parameter is in the OpenAPI document');
});
