/**
 * Relevance of the search on the judged queries (test/judged/queries.json) over the demo corpus.
 *
 *   npx tsx scripts/relevance.ts            figures for our search and for the naive design
 *   npx tsx scripts/relevance.ts --verbose  also each query's top 5, marked ✓ where judged relevant
 *
 * It seeds the demo (the documents module's DEMO_SEEDERS, then the search index) into a
 * temporary in-memory PGlite, evaluates, and exits non-zero when a figure falls below its floor
 * (FLOORS, set a little under the measured value) or below the naive design — so CI catches a
 * change that makes ranking worse.
 *
 * Figures: precision@5 (judged relevant among the first five ÷ 5), precision@5 against what is
 * possible (÷ min(5, number judged relevant): 1.0 when every slot that could be relevant is),
 * and MRR (mean of 1 ÷ rank of the first relevant result, 0 when none is in the first 20).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The documents seeder reads the configuration for its file store: keep it in a temporary folder.
const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-relevance-'));
process.env.GONGKAI_DATA_DIR = dataDir;
process.env.LOG_LEVEL ??= 'silent';

const { openDatabase } = await import('../src/core/db/index.ts');
const { migrateToLatest } = await import('../src/core/db/migrate.ts');
const { seedDemo } = await import('../src/modules/system/seed.ts');
await import('../src/modules/documents/demo/seed.ts');
await import('../src/modules/search/jobs.ts');
const { search } = await import('../src/modules/search/store/query.ts');
const { buildNaiveIndex, naiveSearch } = await import('../src/modules/search/store/naive.ts');
const { warmUpTokenizer } = await import('../src/modules/search/text/tokenize.ts');

/** Floors a little below the figures measured on 2026-11-28 (p5 0.452, of possible 0.997, MRR 1.000; README ## Search). */
export const FLOORS = { p5: 0.43, p5Possible: 0.97, mrr: 0.97 };

interface Judged {
  q: string;
  /** each relevant document by 索引号 (indexNo) or exact title */
  relevant: { indexNo?: string; title?: string }[];
  note?: string;
}

const verbose = process.argv.includes('--verbose');
const file = join(import.meta.dirname, '..', 'test', 'judged', 'queries.json');
const judged = (JSON.parse(readFileSync(file, 'utf8')) as { queries: Judged[] }).queries;

const t0 = performance.now();
warmUpTokenizer();
const database = await openDatabase({ databaseUrl: null, memory: true });
let exit = 0;
try {
  const db = database.db;
  await migrateToLatest(db);
  await seedDemo(db, { adminPassword: 'relevance-only-9', log: () => {} });
  await buildNaiveIndex(db);
  const docs = await db.selectFrom('documents').select(['id', 'index_no', 'title', 'status', 'disclosure']).execute();
  const title = new Map(docs.map((d) => [d.id, d.title]));

  const resolve = (j: Judged): Set<number> => {
    const ids = new Set<number>();
    for (const r of j.relevant) {
      const hits = docs.filter((d) => (r.indexNo ? d.index_no === r.indexNo : d.title === r.title));
      if (hits.length === 0) throw new Error(`judged document not in the demo corpus (query “${j.q}”): ${r.indexNo ?? r.title}`);
      if (!r.indexNo && hits.length > 1) throw new Error(`title judged for “${j.q}” is not unique, use its 索引号: ${r.title}`);
      for (const h of hits) ids.add(h.id);
    }
    return ids;
  };

  const measure = (ranked: number[], relevant: Set<number>) => {
    const top5 = ranked.slice(0, 5).filter((id) => relevant.has(id)).length;
    const first = ranked.findIndex((id) => relevant.has(id));
    return { p5: top5 / 5, p5Possible: top5 / Math.min(5, relevant.size), rr: first >= 0 ? 1 / (first + 1) : 0 };
  };

  const totals = { ours: { p5: 0, p5Possible: 0, mrr: 0 }, naive: { p5: 0, p5Possible: 0, mrr: 0 } };
  for (const j of judged) {
    const relevant = resolve(j);
    const r = await search(db, { q: j.q, perPage: 20 });
    if (!r.ok) throw new Error(`query refused: ${j.q}: ${r.error.zh}`);
    // documents only: guides, powers and reports have ids of their own (none in this corpus)
    const ours = r.hits.filter((h) => h.kind === 'document').map((h) => h.id);
    const naive = await naiveSearch(db, j.q, {}, 20);
    const a = measure(ours, relevant);
    const b = measure(naive, relevant);
    totals.ours.p5 += a.p5;
    totals.ours.p5Possible += a.p5Possible;
    totals.ours.mrr += a.rr;
    totals.naive.p5 += b.p5;
    totals.naive.p5Possible += b.p5Possible;
    totals.naive.mrr += b.rr;
    if (verbose || a.rr < 1 || a.p5Possible < 1) {
      console.log(`\n${j.q}  (ours P@5 ${a.p5.toFixed(2)} RR ${a.rr.toFixed(2)}; naive P@5 ${b.p5.toFixed(2)} RR ${b.rr.toFixed(2)})`);
      for (const id of ours.slice(0, 5)) console.log(`  ${relevant.has(id) ? '✓' : ' '} ${title.get(id)}`);
    }
  }
  const n = judged.length;
  const avg = (x: { p5: number; p5Possible: number; mrr: number }) => ({ p5: x.p5 / n, p5Possible: x.p5Possible / n, mrr: x.mrr / n });
  const ours = avg(totals.ours);
  const naive = avg(totals.naive);
  console.log(`\n${n} judged queries over ${docs.filter((d) => d.status === 'published' && d.disclosure === 'proactive').length} published demo documents (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log('                     precision@5   precision@5 (of possible)   MRR');
  console.log(`  gongkai search        ${ours.p5.toFixed(3)}          ${ours.p5Possible.toFixed(3)}                   ${ours.mrr.toFixed(3)}`);
  console.log(`  naive (ts_rank)       ${naive.p5.toFixed(3)}          ${naive.p5Possible.toFixed(3)}                   ${naive.mrr.toFixed(3)}`);
  for (const k of ['p5', 'p5Possible', 'mrr'] as const) {
    if (ours[k] < FLOORS[k]) {
      console.error(`relevance: ${k} ${ours[k].toFixed(3)} is below its floor ${FLOORS[k]}`);
      exit = 1;
    }
    if (ours[k] < naive[k]) {
      console.error(`relevance: ${k} ${ours[k].toFixed(3)} is worse than the naive design's ${naive[k].toFixed(3)}`);
      exit = 1;
    }
  }
  if (n < 40) {
    console.error(`relevance: only ${n} judged queries; the set must keep at least 40`);
    exit = 1;
  }
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exit);
