/**
 * Keeping the index current in the background (indexer.ts explains the three paths):
 *   startIndexing(db, opts, log) — subscribes to onDocumentsChanged (fired after commit) and
 *       reindexes those documents at once, one batch at a time; `idle()` waits for the queue.
 *       Also subscribes to publishedChanged (guides, 权责清单, annual reports: items.ts) and
 *       syncs that kind for those units.
 *   JOBS 'search.catch-up' (every 5 s) — catchUp + one reconcileSlice; every 12th run (a
 *       minute) the guides, powers and reports are compared in full (syncAllItems).
 *   DEMO_SEEDERS 'search index' — indexes the demo documents right after they are seeded.
 */
import type { Db } from '../../core/db/index.ts';
import { JOBS, type JobLogger } from '../../core/jobs/index.ts';
import { DEMO_SEEDERS } from '../system/seed.ts';
import { onDocumentsChanged } from '../documents/commands.ts';
import { catchUp, indexDocuments, reconcileSlice, type IndexOptions } from './store/indexer.ts';
import { onPublishedChanged, type PublishedKind } from './published.ts';
import { syncAllItems, syncItems } from './store/items.ts';

export const CATCH_UP_EVERY_MS = 5_000;

export interface Indexing {
  stop(): void;
  /** resolves when every document announced so far is indexed */
  idle(): Promise<void>;
}

const active = new WeakMap<Db, Indexing>();

/** The indexing started for this database, if any (tests wait on it). */
export function indexingOf(db: Db): Indexing | undefined {
  return active.get(db);
}

export function startIndexing(db: Db, o: IndexOptions = {}, log?: JobLogger): Indexing {
  let pending = new Set<number>();
  let running: Promise<void> | null = null;
  // kind → units (null: all) whose guides / powers / reports changed
  let items = new Map<PublishedKind, Set<number>>();
  const drainItems = async () => {
    const todo = items;
    items = new Map();
    for (const [kind, units] of todo) {
      try {
        await syncItems(db, kind, [...units]);
      } catch (err) {
        log?.error({ err, kind }, 'search: indexing after a publication failed');
      }
    }
  };
  const drain = async () => {
    while (pending.size || items.size) {
      const ids = [...pending];
      pending = new Set();
      if (ids.length) {
        try {
          await indexDocuments(db, ids, o);
        } catch (err) {
          // the catch-up job retries within seconds; a failure here must not reach the command
          log?.error({ err, ids: ids.length }, 'search: indexing after a change failed');
        }
      }
      if (items.size) await drainItems();
    }
  };
  const kick = () => {
    running ??= drain().finally(() => {
      running = null;
    });
  };
  const offDocs = onDocumentsChanged((e) => {
    for (const id of e.documentIds) pending.add(id);
    if (e.documentIds.length) kick();
  });
  const offItems = onPublishedChanged((e) => {
    const set = items.get(e.kind) ?? new Set<number>();
    for (const id of e.unitIds) set.add(id);
    items.set(e.kind, set);
    kick();
  });
  const off = () => {
    offDocs();
    offItems();
  };
  const indexing: Indexing = {
    stop() {
      off();
      if (active.get(db) === indexing) active.delete(db);
    },
    async idle() {
      while (running) await running;
    },
  };
  active.set(db, indexing);
  return indexing;
}

let ticks = 0;

JOBS.push({
  name: 'search.catch-up',
  everyMs: CATCH_UP_EVERY_MS,
  async run(database, cfg, log) {
    const o = { dataDir: cfg.dataDir };
    const a = await catchUp(database.db, o);
    const b = await reconcileSlice(database.db, o);
    const c = ticks++ % 12 === 0 ? await syncAllItems(database.db) : { indexed: 0, removed: 0 };
    if (a.indexed || a.removed || b.indexed || b.removed || c.indexed || c.removed) {
      log.info({ indexed: a.indexed + b.indexed, removed: a.removed + b.removed, items: c }, 'search index caught up');
    }
  },
});

DEMO_SEEDERS.push({
  name: 'search index',
  async run(db, _ctx, log) {
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      const r = await catchUp(db);
      total += r.indexed;
      if (r.indexed === 0 && r.removed === 0) break;
    }
    const items = await syncAllItems(db);
    log(`search index: ${total} documents, ${items.indexed} guides, powers and reports`);
  },
});
