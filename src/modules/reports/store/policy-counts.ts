/**
 * Table 2's 规章 / 行政规范性文件 counted at write time (#15 item 3, migration 1176): an area summary
 * read a city's ~15 000 published policy documents on every view to group them by where their dates
 * fall against the year. What it needs of a document without validity events is only its unit, kind,
 * the YEARS of its 形成 (written, else published), publication and 有效性 change, and its 有效性 — so
 * a trigger on documents keeps `document_policy_counts`, one row per such combination with how many
 * documents have it, in the writer's own transaction (every path: commands, imports, demo, restore).
 * A year compares with the report's year as the date does (date < 1 January ⇔ year < Y; date ≤
 * 31 December ⇔ year ≤ Y), so summary-docs.ts reads these few hundred rows instead of the documents.
 * 0 stands for "no date" and '' for "no 有效性" in the key.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The change date table 2 reads (sources.ts normativeDocsFor): expiry, else 形成 for 尚未生效, else changed_date. */
const CHANGED = (r: string) => `case ${r}.validity when 'expired' then ${r}.expiry_date when 'not_yet_effective' then coalesce(${r}.written_date, ${r}.publish_date) else ${r}.changed_date end`;
const YEAR = (e: string) => `coalesce(extract(year from ${e})::int, 0)`;
const KEY = (r: string) =>
  `${r}.unit_id, ${r}.legal_form, ${YEAR(`coalesce(${r}.written_date, ${r}.publish_date)`)}, ${YEAR(`${r}.publish_date`)}, coalesce(${r}.validity, ''), ${YEAR(CHANGED(r))}`;
const COUNTED = (r: string) => `${r}.status = 'published' and ${r}.legal_form in ('regulation', 'normative')`;

export const policyCountMigrations: Record<string, Migration> = {
  '1176_document_policy_counts': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table document_policy_counts (
          unit_id integer not null references units(id) on delete cascade,
          legal_form text not null,
          issued_year integer not null,
          published_year integer not null,
          validity text not null,
          changed_year integer not null,
          n integer not null check (n >= 0),
          primary key (unit_id, legal_form, issued_year, published_year, validity, changed_year)
        )`.execute(db);
      await sql.raw(`
        create function document_policy_counts_keep() returns trigger language plpgsql as $$
        begin
          if tg_op in ('UPDATE', 'DELETE') and ${COUNTED('old')} then
            update document_policy_counts set n = n - 1
              where (unit_id, legal_form, issued_year, published_year, validity, changed_year) = (${KEY('old')});
          end if;
          if tg_op in ('INSERT', 'UPDATE') and ${COUNTED('new')} then
            insert into document_policy_counts as k (unit_id, legal_form, issued_year, published_year, validity, changed_year, n)
              values (${KEY('new')}, 1)
              on conflict (unit_id, legal_form, issued_year, published_year, validity, changed_year) do update set n = k.n + 1;
          end if;
          return null;
        end $$`).execute(db);
      // deferred to commit, as consultation_comment_counts: a counter row is held only for the commit
      await sql`
        create constraint trigger document_policy_counts_keep
          after insert or delete or update of unit_id, legal_form, status, written_date, publish_date, validity, expiry_date, changed_date on documents
          deferrable initially deferred for each row execute function document_policy_counts_keep()`.execute(db);
      await sql.raw(`
        insert into document_policy_counts (unit_id, legal_form, issued_year, published_year, validity, changed_year, n)
        select ${KEY('d')}, count(*)::int from documents d where ${COUNTED('d')} group by 1, 2, 3, 4, 5, 6`).execute(db);
    },
  },
};

/** The same figures computed from the documents (for the test that the stored counts stay exact). */
export const freshPolicyCounts = sql.raw(`select ${KEY('d')}, count(*)::int as n from documents d where ${COUNTED('d')} group by 1, 2, 3, 4, 5, 6`);
