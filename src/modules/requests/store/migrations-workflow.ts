/**
 * Migrations of issue #14 items 4, 8 and 9 (numbers 0900–0903; 0904 is store/migrations-letters.ts):
 *   0900 appeals have a lifecycle — the body or court that hears them, and earlier double entries
 *        (a pending row plus a second row for its outcome) merged into one row;
 *   0901 idempotency of create forms and APIs (one-time form tokens and `Idempotency-Key`);
 *   0902 督办: a supervisor's dated instruction on a case, listed until the case is answered;
 *   0903 an online submission's query code kept encrypted until the 回执 that prints it is drafted.
 */
import { sql, type Kysely, type Migration, type QueryExecutorProvider } from 'kysely';

export const workflowMigrations: Record<string, Migration> = {
  '0900_request_appeal_lifecycle': {
    async up(db: Kysely<unknown>) {
      await sql`alter table request_appeals add column body text`.execute(db);
      await mergeDuplicateAppeals(db);
    },
  },
  '0901_request_idempotency': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table request_idempotency (
          scope text not null,
          key text not null,
          body_hash text not null,
          status integer,
          response_enc text,
          created_at timestamptz not null default now(),
          primary key (scope, key)
        )`.execute(db);
      await sql`create index request_idempotency_created_idx on request_idempotency (created_at)`.execute(db);
    },
  },
  '0903_request_query_code_until_receipt': {
    async up(db: Kysely<unknown>) {
      // the query code of an online submission, encrypted, kept only until the receipt that prints it is drafted
      await sql`alter table request_cases add column query_code_enc text`.execute(db);
    },
  },
  '0902_request_supervision_orders': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table request_supervision_orders (
          id serial primary key,
          case_id integer not null references request_cases(id) on delete cascade,
          issued_by_id integer references users(id) on delete set null,
          issued_by text not null,
          issued_on date not null,
          instruction text not null,
          reply_by date,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index request_supervision_orders_case_idx on request_supervision_orders (case_id)`.execute(db);
    },
  },
};

/**
 * The old model could only add rows: staff recorded a 复议/诉讼 as 尚未审结 and later its outcome as a
 * second row, so table 4 counted the appeal twice (pending at one year end and decided in another, or
 * both in one year). A decided row of the same case and kind, recorded after a pending row whose filing
 * date does not contradict it, is that pending row's outcome: the decided row keeps the earlier filing
 * date and note, the pending row goes. Returns how many rows were merged away.
 */
export async function mergeDuplicateAppeals(db: QueryExecutorProvider): Promise<number> {
  const r = await sql<{ id: number }>`
        with pairs as (
          select distinct on (p.id) p.id as pending_id, d.id as decided_id, p.filed_on, p.note
          from request_appeals p
          join request_appeals d on d.case_id = p.case_id and d.kind = p.kind and d.id > p.id and d.outcome <> 'pending'
            and (p.filed_on is null or d.filed_on is null or p.filed_on = d.filed_on)
          where p.outcome = 'pending' and p.decided_on is null
          order by p.id, d.id
        ), m as (
          select distinct on (decided_id) * from pairs order by decided_id, pending_id
        ), merged as (
          update request_appeals d set
            filed_on = coalesce(d.filed_on, m.filed_on),
            note = case when m.note is null or m.note = coalesce(d.note, '') then d.note when d.note is null then m.note else m.note || '；' || d.note end,
            updated_at = now()
          from m where d.id = m.decided_id
          returning d.id
        )
        delete from request_appeals where id in (select pending_id from m) returning id`.execute(db);
  return r.rows.length;
}
