/**
 * In-process split of an uncached portal page's cost (issue #15 item 1): the page through inject()
 * (the whole Fastify path), its one read alone, and a CPU profile of the inject loop only
 * (node:inspector, after warm-up). Run by hand:
 *   TEST_DATABASE_URL=postgres://…/db MICRO_DOCS=2000 node --import tsx bench/micro-docpage.ts
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { testApp } from '../test/helpers/app.ts';
import { loadCorpus, loadUnits } from './load.ts';
import { DOCUMENT_PAGE, documentPageRead } from '../src/modules/documents/store/portal-reads.ts';
import { summarizeProfiles } from './profile.ts';
import { ROOT } from './server.ts';

const N = Number(process.env.MICRO_N ?? 2000);
const t = await testApp();
const units = await loadUnits(t.db.db);
await loadCorpus(t.db.db, units, Number(process.env.MICRO_DOCS ?? 2000));
const doc = (await sql<{ id: number; slug: string }>`
  select d.id, u.slug from documents d join units u on u.id = d.unit_id
  where d.status = 'published' and d.disclosure = 'proactive' and exists (select 1 from documents i where i.interprets_id = d.id and i.status = 'published')
  order by d.id limit 1`.execute(t.db.db)).rows[0];
const col = (await sql<{ path: string }>`
  select '/u/' || u.slug || '/xxgk/fdzdgknr/' || c.slug as path from document_columns dc join doc_columns c on c.id = dc.column_id join units u on u.id = c.unit_id
  join doc_columns p on p.id = c.parent_id and p.slug = 'statutory' where c.enabled
  group by c.slug, u.slug order by count(*) desc limit 1`.execute(t.db.db)).rows[0];
const urls = { doc: `/u/${doc.slug}/doc/${doc.id}?bench=uncached`, col: `${col.path}?bench=uncached` };

async function time(label: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await f();
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  for (let i = 0; i < N; i++) await f();
  const cpu = process.cpuUsage(t0);
  console.log(`${label.padEnd(28)} wall ${((performance.now() - w0) / N).toFixed(3)} ms  cpu ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms`);
}
const get = (url: string) => async () => {
  const r = await t.app.inject({ method: 'GET', url });
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
};
if (process.env.MICRO_EXPLAIN === '1') {
  const q = DOCUMENT_PAGE.replace(/\$1/g, `'${doc.slug}'`).replace(/\$2/g, String(doc.id));
  const rows = (await sql.raw(`explain (analyze, buffers) ${q}`).execute(t.db.db)).rows as Record<string, string>[];
  for (const r of rows) console.log(Object.values(r)[0]);
  const pgmod = (await import('pg')).default;
  const orig = pgmod.Client.prototype.query;
  const seen: string[] = [];
  pgmod.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
    const x = a[0] as string | { text?: string; name?: string };
    seen.push(typeof x === 'string' ? x : (x.name ?? x.text ?? '?'));
    return (orig as (...b: unknown[]) => unknown).apply(this, a);
  } as typeof orig;
  await get(urls.doc)();
  console.log('queries of one document page:', seen.length, seen.map((s) => s.slice(0, 80)));
  seen.length = 0;
  await get(urls.col)();
  console.log('queries of one column page:', seen.length, seen.map((s) => s.slice(0, 80)));
  pgmod.Client.prototype.query = orig;
}

await time('document page (inject)', get(urls.doc));
await time('document read only', () => documentPageRead(t.db.db, doc.slug, doc.id));
await time('column list (inject)', get(urls.col));
await time('not-found page (inject)', async () => { await t.app.inject({ method: 'GET', url: '/u/nope/doc/1?x=1' }); });

if (process.env.MICRO_PROFILE !== '0') {
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.start');
  for (let i = 0; i < N; i++) await get(urls[(process.env.MICRO_PAGE as 'doc' | 'col') ?? 'doc'])();
  const { profile } = await s.post('Profiler.stop');
  const dir = mkdtempSync(join(tmpdir(), 'micro-prof-'));
  writeFileSync(join(dir, 'x.cpuprofile'), JSON.stringify(profile));
  const sum = summarizeProfiles(dir, ROOT, 30)!;
  for (const f of sum.functions) console.log(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.name}`);
  console.log('by package:');
  for (const f of sum.files) console.log(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.file}`);
}
await t.close();
