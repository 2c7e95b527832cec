/**
 * Command line of the search module:
 *   gongkai search reindex            rebuild the whole index, documents then guides/powers/reports (search is empty while it runs)
 *   gongkai search catch-up           run the catch-up job once (what changed since last time)
 *   gongkai search status             indexed documents vs published ones
 *   gongkai search query TEXT [--json] [--date]    run a search as the portal does
 */
import type { Command } from 'commander';
import { sql } from 'kysely';
import { CLI_EXTENSIONS } from '../../cli/extensions.ts';
import { catchUp, rebuildIndex } from './store/indexer.ts';
import { search } from './store/query.ts';
import { rebuildItems, syncAllItems } from './store/items.ts';
import { warmUpTokenizer } from './text/tokenize.ts';

CLI_EXTENSIONS.push((program: Command, kit) => {
  const s = program.commands.find((c) => c.name() === 'search') ?? program.command('search').description('full-text search index / 全文检索索引');
  s.command('reindex').description('rebuild the whole search index / 重建检索索引')
    .action(kit.withDb(async ({ database, cfg }) => {
      warmUpTokenizer();
      const r = await rebuildIndex(database.db, {
        dataDir: cfg.dataDir,
        onProgress: (n) => { if (n % 10_000 === 0) process.stderr.write(`indexed ${n}\n`); },
      });
      const items = await rebuildItems(database.db);
      console.log(`indexed ${r.documents} document(s) in ${(r.ms / 1000).toFixed(1)} s / 已索引 ${r.documents} 件`);
      console.log(`indexed ${items} guide(s), power(s) and report(s) / 办事指南、权责清单、年度报告 ${items} 项`);
    }));
  s.command('catch-up').description('index what changed since the last run / 补建变更的索引')
    .action(kit.withDb(async ({ database, cfg }) => {
      const r = await catchUp(database.db, { dataDir: cfg.dataDir, maxRounds: 1_000_000 });
      const items = await syncAllItems(database.db);
      console.log(`indexed ${r.indexed}, removed ${r.removed}; guides, powers, reports: indexed ${items.indexed}, removed ${items.removed}`);
    }));
  s.command('status').description('index size and freshness / 索引状态')
    .action(kit.withDb(async ({ database }) => {
      const r = (await sql<{ indexed: number; published: number; stale: number; size: string }>`
        select (select count(*) from search_docs)::int as indexed,
               (select count(*) from documents where status = 'published' and disclosure = 'proactive')::int as published,
               (select count(*) from search_docs s join documents d on d.id = s.doc_id where s.source_updated_at is distinct from d.updated_at)::int as stale,
               pg_size_pretty(pg_total_relation_size('search_docs')) as size`.execute(database.db)).rows[0];
      console.log(`indexed ${r.indexed} of ${r.published} published 主动公开 document(s); ${r.stale} stale; ${r.size}`);
    }));
  s.command('query').description('search as the portal does / 检索').argument('<text>', 'query')
    .option('--date', 'newest first / 按发布日期排序')
    .option('--json', 'print JSON')
    .action(kit.withDb(async ({ database }, text: string, o: { date?: boolean; json?: boolean }) => {
      const r = await search(database.db, { q: text, sort: o.date ? 'date' : 'relevance' });
      if (!r.ok) {
        console.error(`${r.error.zh} / ${r.error.en}`);
        return 2;
      }
      if (o.json) {
        console.log(JSON.stringify({ total: r.total, exact: r.totalExact, hits: r.hits.map((h) => ({ id: h.id, title: h.title, index_no: h.indexNo, unit: h.unitName, date: h.publishDate })) }, null, 2));
        return;
      }
      console.log(`${r.totalExact ? '' : '约 '}${r.total} 条 / results`);
      for (const h of r.hits) console.log(`${h.publishDate ?? ''}\t${h.indexNo}\t${h.title}`);
    }));
});
