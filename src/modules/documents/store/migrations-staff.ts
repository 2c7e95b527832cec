/**
 * Migration of issue #15 item 3 (staff pages fast on a big database), number 1070: indexes for the
 * console's lists and the dashboard's counts, each matching one query's WHERE and ORDER BY so that a
 * page reads a few index entries instead of every document in scope:
 *   documents_updated_idx            the document list (newest change first) — queries.ts adminDocumentPage
 *   documents_published_late_idx     published late, newest first (store/deadlines.ts latePublished*)
 *   documents_uninterpreted_idx      published policies that are not themselves 解读 (repository.ts withoutInterpretation)
 *   documents_interp_published_idx   the anti-join "has a published 解读" of the same query
 *   documents_report_published_idx   the annual report's 主动公开 counts per unit and year (index-only)
 *   documents_report_policies_idx    the annual report's 规章 / 规范性文件 in force (index-only)
 * 1175 (second pass): documents_open_late_idx gets unit_id (INCLUDE), so counting a scope's overdue
 * unpublished documents (the dashboard, the 公开时效 page) is index-only instead of a heap read of each.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const staffMigrations: Record<string, Migration> = {
  '1070_documents_staff_indexes': {
    async up(db: Kysely<unknown>) {
      await sql`create index documents_updated_idx on documents (updated_at desc, id desc)`.execute(db);
      await sql`create index documents_published_late_idx on documents (published_at desc, id desc) include (unit_id)
        where status = 'published' and (timeliness_art26_overdue or timeliness_policy_overdue)`.execute(db);
      await sql`create index documents_uninterpreted_idx on documents (unit_id, published_at desc, id desc)
        where status = 'published' and legal_form in ('regulation', 'normative', 'other_policy') and interprets_id is null`.execute(db);
      await sql`create index documents_interp_published_idx on documents (interprets_id) where status = 'published' and interprets_id is not null`.execute(db);
      await sql`create index documents_report_published_idx on documents (unit_id, publish_date) include (legal_form, interprets_id)
        where status = 'published' and disclosure = 'proactive'`.execute(db);
      await sql`create index documents_report_policies_idx on documents (unit_id) include (id, legal_form, written_date, publish_date, validity, expiry_date, changed_date)
        where status = 'published' and legal_form in ('regulation', 'normative')`.execute(db);
    },
  },
  '1175_documents_open_late_unit': {
    async up(db: Kysely<unknown>) {
      await sql`drop index if exists documents_open_late_idx`.execute(db);
      await sql`create index documents_open_late_idx on documents (timeliness_late_from, id) include (unit_id)
        where status in ('draft', 'submitted', 'reviewed', 'scheduled') and disclosure = 'proactive'`.execute(db);
    },
  },
};
