/**
 * The whole-site and per-unit lists without a count of the site (issue #15, migration
 * `1200_unit_counts`): the city home, a unit's home, /latest, /interpretations and a unit's
 * 政策解读 column are rendered per request, and each counted its scope — every published or
 * withdrawn document of the site or the unit — to number its pages: 744 ms for the city home and
 * 640 ms for /latest at 500,000 documents (`npm run bench:sweep`, docs/benchmarks.md).
 *
 *   unit_counts (unit_id, published, interpretations, last_change, interpretations_last_change)
 *       a unit's public (published 主动公开) documents, how many of them are 解读, and the newest
 *       change of anything its list (and its 解读 list) holds or held — a publication, an edit of a
 *       published or withdrawn document, a withdrawal, a deletion: the lists' count and
 *       Last-Modified; the site's are the sums and the newest over its units.
 *
 * Kept by statement-level triggers on documents with transition tables, in the writer's own
 * transaction whatever writes (editor, importer, review, scheduled publication, restore, a bulk
 * load): a batch of 2,000 rows is one grouped upsert, units in id order. Pages come from the
 * existing partial indexes on the public documents (store/site-page.ts); `unit-counts.db.test.ts`
 * checks every count against a recount through publish, edit, withdraw, move and delete.
 */
import { sql, type Kysely, type Migration } from 'kysely';

const PUBLIC = (r: string) => `(${r}.status = 'published' and ${r}.disclosure = 'proactive')`;
const LISTED = (r: string) => `${r}.status in ('published', 'withdrawn')`;
const INTERP = (r: string) => `${r}.interprets_id is not null`;

/**
 * Adds `rows` (unit_id, s: +1 / −1 / 0, pub, interp, t and ti: a change time of the unit's list and
 * of its 解读 list, or null) to the counts.
 */
const APPLY = (rows: string) => `
          insert into unit_counts as uc (unit_id, published, interpretations, last_change, interpretations_last_change)
            select x.unit_id, coalesce(sum(x.s) filter (where x.pub), 0)::int, coalesce(sum(x.s) filter (where x.pub and x.interp), 0)::int, max(x.t), max(x.ti)
            from (${rows}) x group by x.unit_id
            having coalesce(sum(x.s) filter (where x.pub), 0) <> 0 or coalesce(sum(x.s) filter (where x.pub and x.interp), 0) <> 0 or max(x.t) is not null
            order by x.unit_id
          on conflict (unit_id) do update set published = uc.published + excluded.published,
            interpretations = uc.interpretations + excluded.interpretations, last_change = greatest(uc.last_change, excluded.last_change),
            interpretations_last_change = greatest(uc.interpretations_last_change, excluded.interpretations_last_change);`;

/** what a list shows or sorts by, or where it lists the document, changed */
const CHANGED = `(n.status, n.disclosure, n.published_at, n.updated_at, n.unit_id, n.interprets_id, n.title, n.index_no, n.doc_number, n.publish_date)
  is distinct from (o.status, o.disclosure, o.published_at, o.updated_at, o.unit_id, o.interprets_id, o.title, o.index_no, o.doc_number, o.publish_date)`;

/** A row of `r` (new_docs n or old_docs o) counted `s` times, listed at `when` (its 解读 list too when it is one). */
const ROW = (r: string, s: string, when: string) =>
  `select ${r}.unit_id, ${s} as s, ${PUBLIC(r)} as pub, ${INTERP(r)} as interp, case when ${LISTED(r)} then ${when} end as t,
          case when ${LISTED(r)} and ${INTERP(r)} then ${when} end as ti`;

/** Every unit's counts from the documents (the migration's backfill; the test's recount). */
export const UNIT_RECOUNT = `
  select u.id as unit_id, count(d.id) filter (where ${PUBLIC('d')})::int as published,
         count(d.id) filter (where ${PUBLIC('d')} and d.interprets_id is not null)::int as interpretations,
         max(d.updated_at) filter (where ${LISTED('d')}) as last_change,
         max(d.updated_at) filter (where ${LISTED('d')} and ${INTERP('d')}) as interpretations_last_change
  from units u left join documents d on d.unit_id = u.id group by u.id`;

/** `gk_unit_counts_<event>()` and its statement-level trigger on documents: APPLY of `rows`. */
async function statementTrigger(db: Kysely<unknown>, event: 'insert' | 'delete' | 'update', tables: string, rows: string): Promise<void> {
  await sql.raw(`create function gk_unit_counts_${event}() returns trigger language plpgsql as $$
        begin
          ${APPLY(rows)}
          return null;
        end $$`).execute(db);
  await sql.raw(`create trigger unit_counts_${event} after ${event} on documents referencing ${tables}
        for each statement execute function gk_unit_counts_${event}()`).execute(db);
}

export const unitCountMigrations: Record<string, Migration> = {
  '1200_unit_counts': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table unit_counts (
          unit_id integer primary key references units(id) on delete cascade,
          published integer not null default 0,
          interpretations integer not null default 0,
          last_change timestamptz,
          interpretations_last_change timestamptz
        )`.execute(db);
      await sql.raw(`insert into unit_counts (unit_id, published, interpretations, last_change, interpretations_last_change) ${UNIT_RECOUNT}`).execute(db);
      // the 解读 lists, site-wide and per unit (the other lists have documents_public_idx and documents_unit_public_idx)
      await sql`create index documents_interp_public_idx on documents (published_at desc, id desc)
        where status = 'published' and disclosure = 'proactive' and interprets_id is not null`.execute(db);
      await sql`create index documents_unit_interp_public_idx on documents (unit_id, published_at desc, id desc)
        where status = 'published' and disclosure = 'proactive' and interprets_id is not null`.execute(db);

      // new documents: the public ones count; a published or withdrawn one changes its unit's lists
      await statementTrigger(db, 'insert', 'new table as new_docs', `${ROW('n', '1', 'n.updated_at')} from new_docs n`);
      // deleted documents: a public one leaves its unit's lists now
      await statementTrigger(db, 'delete', 'old table as old_docs', `${ROW('o', '-1', 'now()')} from old_docs o`);
      // edits: the new row counts, the old one no longer; a change to a listed document dates the
      // lists of its unit (both units when it moved)
      await statementTrigger(db, 'update', 'old table as old_docs new table as new_docs', `${ROW('n', '1', 'null::timestamptz')} from new_docs n
            union all ${ROW('o', '-1', 'null::timestamptz')} from old_docs o
            union all select u.unit_id, 0, false, false, n.updated_at,
                case when (${LISTED('n')} and ${INTERP('n')}) or (${LISTED('o')} and ${INTERP('o')}) then n.updated_at end
              from new_docs n join old_docs o on o.id = n.id cross join lateral (values (n.unit_id), (o.unit_id)) u(unit_id)
              where (${LISTED('n')} or ${LISTED('o')}) and ${CHANGED}`);
    },
  },
};
