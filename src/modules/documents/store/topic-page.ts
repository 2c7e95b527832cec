/**
 * A 专题 list's page from the link index and the stored count and Last-Modified (migration
 * `1190_topic_links_public`, store/topic-links.ts) instead of a read of the topic's whole scope.
 * One query, prepared on PostgreSQL:
 *
 *   - the topic node and its sections (`key`, or a key that starts with `key/`: the triggers' rule);
 *   - the count: the node's stored count (its sections' documents included, each once);
 *   - the page: from each node the newest `page × perPage` public links (an index range each),
 *     merged, a document once, then cut. A document among the first M of the whole list is among
 *     the first M of its own section, so nothing is missed; page 1 reads 20 links a section.
 */
import { CompiledQuery } from 'kysely';
import { prepared, type DbOrTx } from '../../../core/db/index.ts';
import { CLAMP, ITEMS, listPage, pageWanted, type ListRow } from './column-page.ts';
import { PER_PAGE, type PublicPage } from './queries.ts';

const TOPIC_PAGE = prepared('topic_page', `
with ids as (select id from doc_topics where key = $1 or starts_with(key, $1 || '/')),
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
  const r = await db.executeQuery<ListRow>(CompiledQuery.raw(TOPIC_PAGE, [key, pageWanted(page), perPage]));
  return listPage(r.rows[0], perPage);
}
