/**
 * A 专题 list's page from the link index and the stored Last-Modified (migration
 * `1190_topic_links_public`, store/topic-links.ts) and its stored count and Last-Modified, instead of
 * a read of the topic's whole scope.
 * One query, prepared on PostgreSQL:
 *
 *   - the topic node and its sections (`key` or `key/…`, as `publicDocumentPage`'s topic filter);
 *   - the count: the node's stored count (its sections' documents included, each once);
 *   - the page: from each node the newest `page × perPage` public links (an index range each),
 *     merged, a document once, then cut. A document among the first M of the whole list is among
 *     the first M of its own section, so nothing is missed; page 1 reads 20 links a section.
 */
import { CompiledQuery } from 'kysely';
import { prepared, type DbOrTx } from '../../../core/db/index.ts';
import { CLAMP, ITEMS } from './column-page.ts';
import { like, PER_PAGE, type PublicListItem, type PublicPage } from './queries.ts';
import { dates } from './portal-reads.ts';

const TOPIC_PAGE = prepared('topic_page', `
with ids as (select id from doc_topics where key = $1 or key like $4),
agg as (
  select coalesce((select tc.published from topic_counts tc join doc_topics t on t.id = tc.topic_id where t.key = $1), 0) as n,
         (select max(tc.last_change) from topic_counts tc where tc.topic_id in (select id from ids)) as last)
select agg.n, agg.last, ${CLAMP('agg.n')} as p,
  ${ITEMS(`(select m.document_id, m.published_at from (
        select x.document_id, max(x.published_at) as published_at
        from ids cross join lateral (select l.document_id, l.published_at from document_topics l where l.topic_id = ids.id and l.public
                                      order by l.published_at desc, l.document_id desc limit ${CLAMP('agg.n')} * $3) x
        group by x.document_id) m
      order by m.published_at desc, m.document_id desc limit $3 offset (${CLAMP('agg.n')} - 1) * $3)`)} as items
from agg`);

/**
 * Page `page` (clamped to [1, pages]) of the public documents of the topic `key` and its sections,
 * newest first — the same answer as `publicDocumentPage(db, { topicKey: key })`.
 */
export async function topicDocumentPage(db: DbOrTx, key: string, page: number, perPage = PER_PAGE): Promise<PublicPage> {
  const want = Math.min(2_147_483_647, Math.max(1, Math.floor(page) || 1));
  const r = await db.executeQuery<Row>(CompiledQuery.raw(TOPIC_PAGE, [key, want, perPage, like(key) + '/%']));
  const head = r.rows[0];
  const total = Number(head?.n ?? 0);
  const items = (head?.items ?? []).map((x) => dates<PublicListItem>(x, ['published_at', 'updated_at']));
  return { items, total, page: Number(head?.p ?? 1), pages: Math.max(1, Math.ceil(total / perPage)), lastModified: head?.last ? new Date(head.last) : null };
}
type Row = { n: number; last: Date | null; p: number; items: Record<string, unknown>[] };
