/**
 * Every published 主动公开 document of the demo city can be reached by clicking from `/` (issue #11:
 * 41 of 294 could not). Breadth-first over same-site links through inject(): no search, no feeds,
 * no typed URLs. Document pages are recorded, not fetched (their links lead to documents listed
 * elsewhere anyway); every page fetched must answer 200 — an entrance that 404s is a broken link.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { DEMO_SEEDERS, seedDemo } from '../../system/seed.ts';
import '../../documents/seed.ts';

let t: TestApp;

before(async () => {
  t = await testApp();
  // the units and documents of the demo city only (cases, reports, search index are not needed here)
  const saved = DEMO_SEEDERS.splice(0);
  DEMO_SEEDERS.push(...saved.filter((s) => s.name === 'documents'));
  try {
    await seedDemo(t.db.db, { adminPassword: 'Gk-Crawl-Test-Passw0rd!' });
  } finally {
    DEMO_SEEDERS.splice(0, DEMO_SEEDERS.length, ...saved);
  }
});
after(async () => t?.close());

/** Links a citizen can click: same site, not the console, search, feeds, files, switches or print views. */
function follow(href: string): string | null {
  if (!href.startsWith('/') || href.startsWith('//')) return null;
  const u = new URL(href, 'http://x');
  if (/^\/(admin|api|static|prefs|search|site-assets)\b/.test(u.pathname)) return null;
  if (/\.(xml|pdf|docx|json)$|\/files\//.test(u.pathname) || u.searchParams.has('print')) return null;
  return u.pathname + u.search;
}

test('every published 主动公开 document of the demo city is reachable by clicking from /', { timeout: 120_000 }, async () => {
  const rows = await t.db.db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id').select(['d.id', 'u.slug'])
    .where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive').execute();
  assert.ok(rows.length > 250, `demo data seeded (${rows.length})`);
  const wanted = new Set(rows.map((r) => `/u/${r.slug}/doc/${r.id}`));

  const seen = new Set<string>(['/']);
  const queue = ['/'];
  const reached = new Set<string>();
  const broken: string[] = [];
  while (queue.length) {
    const url = queue.shift()!;
    const r = await t.app.inject({ url });
    if (r.statusCode === 301 || r.statusCode === 302 || r.statusCode === 303) {
      const to = follow(String(r.headers.location));
      if (to && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
      continue;
    }
    if (r.statusCode !== 200) {
      broken.push(`${url} → ${r.statusCode}`);
      continue;
    }
    if (!String(r.headers['content-type']).startsWith('text/html')) continue;
    for (const m of r.body.matchAll(/<a [^>]*href="([^"]+)"/g)) {
      const to = follow(m[1].replace(/&amp;/g, '&'));
      if (!to || seen.has(to)) continue;
      seen.add(to);
      if (/^\/u\/[^/]+\/doc\/\d+$/.test(to)) reached.add(to);
      else queue.push(to);
    }
  }
  assert.deepEqual(broken, [], 'every link followed answers');
  const missing = [...wanted].filter((u) => !reached.has(u));
  assert.deepEqual(missing, [], `${missing.length} of ${wanted.size} documents cannot be reached by clicking`);
});
