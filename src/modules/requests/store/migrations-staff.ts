/**
 * Migration of issue #15 item 3 (staff pages fast on a big database), number 1071: the 依申请公开
 * list and the dashboard's counts read only open cases, through partial indexes over them:
 *   request_cases_open_due_idx    the list's order (due date first, undated last, newest first) — repository.ts listCases
 *   request_cases_open_unit_idx   the counts per status and due date in a scope (index-only) — repository.ts caseCounts
 * The status list must stay equal to OPEN_DB_STATUSES (+ 'answered' for the counts); a db test checks it.
 * 1131 adds unit_id to the first (INCLUDE): listCases cuts a page's ids from that index alone, so a
 * deep page (offset 4 950 over a city's open cases) is an index-only walk, not a read and sort of
 * every open case.
 * 1175 (#15 item 3, second pass):
 *   request_cases_drafts_idx   the dashboard's "drafted decisions to review" count and list: the few open
 *                              cases with a draft_disposition, instead of a BitmapAnd over every open case
 *   request_cases_report_idx   tables 3 and 4 of an area summary (reports/store/counting.ts): index-only over
 *                              the columns the GROUP BY reads, instead of a heap read of every case received
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const staffMigrations: Record<string, Migration> = {
  '1071_request_cases_staff_indexes': {
    async up(db: Kysely<unknown>) {
      await sql`create index request_cases_open_due_idx on request_cases ((due_on is null), due_on, id desc)
        where status in ('submitted', 'registered', 'accepted', 'correction_requested', 'consultation', 'fee_notice_sent')`.execute(db);
      await sql`create index request_cases_open_unit_idx on request_cases (unit_id, status, due_on)
        where status in ('submitted', 'registered', 'accepted', 'correction_requested', 'consultation', 'fee_notice_sent', 'answered')`.execute(db);
    },
  },
  '1131_request_cases_open_list_idx': {
    async up(db: Kysely<unknown>) {
      await sql`drop index if exists request_cases_open_due_idx`.execute(db);
      await sql`create index request_cases_open_due_idx on request_cases ((due_on is null), due_on, id desc) include (unit_id)
        where status in ('submitted', 'registered', 'accepted', 'correction_requested', 'consultation', 'fee_notice_sent')`.execute(db);
    },
  },
  '1175_request_cases_summary_and_draft_idx': {
    async up(db: Kysely<unknown>) {
      await sql`create index request_cases_drafts_idx on request_cases (unit_id, due_on)
        where draft_disposition is not null and status in ('submitted', 'registered', 'accepted', 'correction_requested', 'consultation', 'fee_notice_sent')`.execute(db);
      await sql`create index request_cases_report_idx on request_cases (unit_id, received_on) include (category, concluded_on, result_row)
        where transferred_to is null`.execute(db);
    },
  },
};
