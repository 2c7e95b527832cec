/**
 * Data access for cases. Lists take the caller's scope (unit subtree prefixes) so filtering happens
 * in SQL, and select only masked personal data (the name masked; the request's title and description
 * decrypted for display). A single case comes with the applicant's own text decrypted (`CaseText`),
 * under the keys start-up configured (core/pii/crypto.ts); identity number, phone, e-mail and address stay
 * encrypted until the handler asks (supervision.ts). Search by name is exact, through the keyed hash
 * of the normalised name. `caseRecordsForReport` feeds the annual report.
 */
import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import type { CaseRecord, ResultCode } from '../../reports/domain/compute.ts';
import type { ApplicantCategory } from '../../reports/domain/types.ts';
import { replayCase, type CaseEvent, type CaseState } from '../domain/index.ts';
import { decryptOrNull, decryptPii, nameHmacs, piiKeys } from '../../../core/pii/crypto.ts';
import type { RequestCasesTable, RequestAppealsTable, StoredStatus } from './tables.ts';
import { decryptLetter, LETTER_DB_COLUMNS, type LetterRow } from './letters-pii.ts';

export type CaseRow = Selectable<RequestCasesTable>;
export type { LetterRow } from './letters-pii.ts';
export type AppealRow = Selectable<RequestAppealsTable>;

export interface CaseUnit {
  unit_code: string;
  unit_name: string;
  unit_short_name: string;
  unit_path: string;
  unit_slug: string;
}
/** The applicant's own words, decrypted. */
export interface CaseText {
  applicant_name: string;
  contact_person: string | null;
  postcode: string | null;
  info_title: string | null;
  info_number: string | null;
  description: string;
}
export type CaseWithUnit = CaseRow & CaseUnit & CaseText;

export function caseText(r: Pick<CaseRow, 'applicant_name_enc' | 'contact_person_enc' | 'postcode_enc' | 'info_title_enc' | 'info_number_enc' | 'description_enc'>, keys: readonly Buffer[] = piiKeys()): CaseText {
  return {
    applicant_name: decryptPii(keys, 'name', r.applicant_name_enc),
    contact_person: decryptOrNull(keys, 'contact_person', r.contact_person_enc),
    postcode: decryptOrNull(keys, 'postcode', r.postcode_enc),
    info_title: decryptOrNull(keys, 'info_title', r.info_title_enc),
    info_number: decryptOrNull(keys, 'info_number', r.info_number_enc),
    description: decryptPii(keys, 'description', r.description_enc),
  };
}

const opened = <T extends CaseRow & CaseUnit>(r: T | undefined): (T & CaseText) | undefined => (r ? { ...r, ...caseText(r) } : undefined);

/** The states in which the organ owes a decision, plus intake records awaiting confirmation. */
export const OPEN_DB_STATUSES: StoredStatus[] = ['submitted', 'registered', 'accepted', 'correction_requested', 'consultation', 'fee_notice_sent'];
/** Open and with a running clock: the ones that can fall due (条例 第三十三条). */
export const RUNNING_STATUSES: StoredStatus[] = ['registered', 'accepted'];

function withUnit(db: DbOrTx) {
  return db
    .selectFrom('request_cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .selectAll('c')
    .select(['u.code as unit_code', 'u.name as unit_name', 'u.short_name as unit_short_name', 'u.path as unit_path', 'u.slug as unit_slug']);
}

export const caseById = async (db: DbOrTx, id: number): Promise<CaseWithUnit | undefined> => opened(await withUnit(db).where('c.id', '=', id).executeTakeFirst());

export const caseByTracking = async (db: DbOrTx, tracking: string): Promise<CaseWithUnit | undefined> =>
  opened(await withUnit(db).where('c.tracking_no', '=', tracking.trim()).executeTakeFirst());

/** Locks the case row until the transaction ends, so two staff steps on one case serialise. */
export async function lockCase(db: DbOrTx, id: number): Promise<void> {
  await sql`select id from request_cases where id = ${id} for update`.execute(db);
}

export async function eventsOf(db: DbOrTx, caseId: number): Promise<CaseEvent[]> {
  const rows = await db.selectFrom('request_events').select('data').where('case_id', '=', caseId).orderBy('seq').execute();
  return rows.map((r) => r.data as CaseEvent);
}

export interface EventRow {
  seq: number;
  type: string;
  date: string;
  actor_name: string;
  from_status: string | null;
  to_status: string;
  data: CaseEvent;
  created_at: Date;
}

export async function eventRowsOf(db: DbOrTx, caseId: number): Promise<EventRow[]> {
  const rows = await db.selectFrom('request_events').select(['seq', 'type', 'date', 'actor_name', 'from_status', 'to_status', 'data', 'created_at']).where('case_id', '=', caseId).orderBy('seq').execute();
  return rows.map((r) => ({ ...r, data: r.data as CaseEvent }));
}

/** The domain state of a registered case (null for an intake record without events). */
export function stateOf(row: CaseRow, events: CaseEvent[]): CaseState | null {
  if (!events.length) return null;
  return replayCase(events, { id: String(row.id), unitId: String(row.unit_id) });
}

export interface ListFilter {
  scope: string[];
  status?: StoredStatus | 'open' | 'all';
  due?: 'soon' | 'overdue';
  unitId?: number;
  handlerId?: number;
  q?: string;
  today: string;
  /** Due on or before this date counts as due soon (the caller adds the working days). */
  soonBy?: string;
  limit?: number;
  offset?: number;
}

/** Columns for lists: masked personal data, and the request (decrypted by `listCases`). */
export const LIST_COLUMNS = [
  'c.id', 'c.ref', 'c.tracking_no', 'c.status', 'c.channel', 'c.category', 'c.applicant_name_masked', 'c.id_number_masked', 'c.phone_masked',
  'c.info_title_enc', 'c.description_enc', 'c.received_on', 'c.due_on', 'c.deadline_state', 'c.concluded_on', 'c.result_row', 'c.handler_id', 'c.source', 'c.created_at',
] as const;

export async function listCases(db: DbOrTx, f: ListFilter) {
  const keys = piiKeys();
  // Two steps (#15 item 3): the page's ids are cut from the cases alone, in the order of the partial
  // index request_cases_open_list_idx (due date, id; unit_id included), so page 100 walks 5 000
  // index entries instead of reading and sorting every open case of the scope; the 50 rows of the
  // page are then joined to their units and handlers.
  let k = db
    .selectFrom('request_cases as c')
    .select('c.id')
    .where('c.unit_id', 'in', (eb) => eb.selectFrom('units as u').select('u.id').where(inScope('u.path', f.scope)));
  if (f.status === 'open' || f.status === undefined) k = k.where('c.status', 'in', OPEN_DB_STATUSES);
  else if (f.status !== 'all') k = k.where('c.status', '=', f.status);
  if (f.due === 'overdue') k = k.where('c.status', 'in', RUNNING_STATUSES).where('c.due_on', '<', f.today);
  if (f.due === 'soon') k = k.where('c.status', 'in', RUNNING_STATUSES).where('c.due_on', '>=', f.today).where('c.due_on', '<=', f.soonBy ?? f.today);
  if (f.unitId) k = k.where('c.unit_id', '=', f.unitId);
  if (f.handlerId) k = k.where('c.handler_id', '=', f.handlerId);
  if (f.q) {
    // part of the case number or tracking number, or the applicant's full name (keyed hash: exact match)
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    const names = nameHmacs(keys, f.q);
    k = k.where((eb) => eb.or([eb('c.ref', 'like', like), eb('c.tracking_no', 'like', like), ...(names.length ? [eb('c.applicant_name_hmac', 'in', names)] : [])]));
  }
  const page = k
    .orderBy(sql`c.due_on is null`)
    .orderBy('c.due_on')
    .orderBy('c.id', 'desc')
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0);
  const rows = await db
    .selectFrom(page.as('k'))
    .innerJoin('request_cases as c', 'c.id', 'k.id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .select([...LIST_COLUMNS, 'u.short_name as unit_short_name', 'u.code as unit_code', 'h.display_name as handler_name'])
    .orderBy(sql`c.due_on is null`)
    .orderBy('c.due_on')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map(({ info_title_enc, description_enc, ...r }) => ({
    ...r,
    info_title: decryptOrNull(keys, 'info_title', info_title_enc),
    description: decryptPii(keys, 'description', description_enc),
  }));
}
export type CaseListRow = Awaited<ReturnType<typeof listCases>>[number];

/** The statuses caseCounts reads (the partial index of migration 1071 covers exactly these). */
export const COUNTED_STATUSES: StoredStatus[] = [...OPEN_DB_STATUSES, 'answered'];

/** Counts for the dashboard and badges, filtered in SQL like the lists. */
export async function caseCounts(db: DbOrTx, scope: string[], today: string, soonBy: string) {
  const r = await db
    .selectFrom('request_cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('c.status', 'in', OPEN_DB_STATUSES).as('open'),
      eb.fn.countAll<number>().filterWhere('c.status', '=', 'submitted').as('submitted'),
      eb.fn.countAll<number>().filterWhere((w) => w.and([w('c.status', 'in', RUNNING_STATUSES), w('c.due_on', '<', today)])).as('overdue'),
      eb.fn.countAll<number>().filterWhere((w) => w.and([w('c.status', 'in', RUNNING_STATUSES), w('c.due_on', '>=', today), w('c.due_on', '<=', soonBy)])).as('soon'),
      eb.fn.countAll<number>().filterWhere('c.status', '=', 'answered').as('undelivered'),
    ])
    // every figure is about open or answered cases: only those rows are read (request_cases_open_unit_idx, migration 1071)
    .where('c.status', 'in', COUNTED_STATUSES)
    .where(inScope('u.path', scope))
    .executeTakeFirstOrThrow();
  return { open: Number(r.open), submitted: Number(r.submitted), overdue: Number(r.overdue), soon: Number(r.soon), undelivered: Number(r.undelivered) };
}

/** A case's letters, recipient, model and delivery note decrypted (store/letters-pii.ts). */
export async function lettersOf(db: DbOrTx, caseId: number): Promise<LetterRow[]> {
  const rows = await db.selectFrom('request_letters').select(LETTER_DB_COLUMNS).where('case_id', '=', caseId).orderBy('id').execute();
  if (!rows.length) return [];
  const keys = piiKeys();
  return rows.map((r) => decryptLetter(keys, r));
}

export async function letterById(db: DbOrTx, id: number): Promise<LetterRow | undefined> {
  const r = await db.selectFrom('request_letters').select(LETTER_DB_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r && decryptLetter(piiKeys(), r);
}

export const appealsOf = (db: DbOrTx, caseId: number): Promise<AppealRow[]> =>
  db.selectFrom('request_appeals').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

/** A case's files without their bytes; the name decrypted. */
export async function attachmentsOf(db: DbOrTx, caseId: number) {
  const rows = await db.selectFrom('request_attachments').select(['id', 'filename_enc', 'mime', 'size', 'sha256', 'created_at']).where('case_id', '=', caseId).orderBy('id').execute();
  const keys = piiKeys();
  return rows.map(({ filename_enc, ...r }) => ({ ...r, filename: decryptPii(keys, 'attachment_name', filename_enc) }));
}

/**
 * The cases of these units that can count in `year`'s annual report (条例 第五十条), platform and
 * imported alike, in the CaseRecord shape of src/modules/reports/domain/compute.ts: received by
 * 31 December (第三十一条 date) and not concluded before 1 January, or with an appeal (table 4 counts
 * appeals by their own dates). Excluded: online submissions not yet confirmed (not received in law) and
 * cases transferred to another unit (the receiving unit counts them).
 */
export async function caseRecordsForReport(db: DbOrTx, unitIds: number[], year: number): Promise<CaseRecord[]> {
  if (!unitIds.length) return [];
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const rows = await db
    .selectFrom('request_cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.ref', 'c.category', 'c.received_on', 'c.concluded_on', 'c.result_row', 'u.code as unit_code'])
    .where('c.unit_id', 'in', unitIds)
    .where('c.received_on', 'is not', null)
    .where('c.received_on', '<=', end)
    .where('c.transferred_to', 'is', null)
    .where((eb) =>
      eb.or([
        eb('c.concluded_on', 'is', null),
        eb('c.concluded_on', '>=', start),
        eb.exists(eb.selectFrom('request_appeals as a').select('a.id').whereRef('a.case_id', '=', 'c.id')),
      ]),
    )
    .orderBy('c.id')
    .execute();
  if (!rows.length) return [];
  // The appeals of those cases: joined on the same unit filter rather than a list of every case id
  // (a city's cases would pass the bind-parameter limit), grouped by case in one pass.
  const appeals = await db
    .selectFrom('request_appeals as a')
    .innerJoin('request_cases as c', 'c.id', 'a.case_id')
    .select(['a.case_id', 'a.kind', 'a.outcome', 'a.filed_on', 'a.decided_on'])
    .where('c.unit_id', 'in', unitIds)
    .where('c.received_on', '<=', end)
    .where('c.transferred_to', 'is', null)
    .orderBy('a.id')
    .execute();
  const appealsOf = new Map<number, CaseRecord['appeals']>();
  for (const a of appeals) {
    const list = appealsOf.get(a.case_id) ?? appealsOf.set(a.case_id, []).get(a.case_id)!;
    list.push({ kind: a.kind, outcome: a.outcome, ...(a.filed_on ? { filed: a.filed_on } : {}), ...(a.decided_on ? { decided: a.decided_on } : {}) });
  }
  return rows.map((r) => ({
    id: String(r.id),
    unit: r.unit_code,
    ref: r.ref,
    applicantCategory: r.category as ApplicantCategory,
    received: r.received_on!,
    ...(r.concluded_on ? { concluded: r.concluded_on } : {}),
    ...(r.result_row ? { result: r.result_row as ResultCode } : {}),
    appeals: appealsOf.get(r.id) ?? [],
  }));
}

/** Earlier applications by the same identity number (for 3.3.5.2 重复申请 / 3.3.5.4, 条例 第三十五条), found by keyed hash. */
export async function casesByIdHmac(db: DbOrTx, hmacs: string[], exceptId: number, scope: string[]) {
  if (!hmacs.length) return [];
  return db
    .selectFrom('request_cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.ref', 'c.status', 'c.received_on', 'c.info_title_enc', 'c.description_enc', 'u.short_name as unit_short_name'])
    .where('c.id_number_hmac', 'in', hmacs)
    .where('c.id', '!=', exceptId)
    .where(inScope('u.path', scope))
    .orderBy('c.id', 'desc')
    .limit(20)
    .execute()
    .then((rows) => {
      const keys = piiKeys();
      return rows.map(({ info_title_enc, description_enc, ...r }) => ({ ...r, info_title: decryptOrNull(keys, 'info_title', info_title_enc), description: decryptPii(keys, 'description', description_enc) }));
    });
}
