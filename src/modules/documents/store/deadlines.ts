/**
 * The stored 公开时效 deadline of unpublished documents and the queries over it.
 *
 * 条例 第二十六条 (20 working days from 形成或者变更之日) and 2020 要点 第6、7点 (5 for policies and
 * interpretations, 解读 同步) give every unpublished 主动公开 document a day from which it is late.
 * That day only changes when the document's dates, legal form or policy link change, when its
 * policy is published, or when the working-day calendar is corrected — so it is computed then
 * (`refreshDeadlines`) and stored (timeliness_due, timeliness_late_from), and dashboards and lists
 * ask "overdue?" in SQL (`timeliness_late_from <= today`) instead of counting working days for
 * every open document on every page load.
 *
 *   refreshDeadlines(tx, {ids} | {interpretationsOf} | 'open', calendarOf?) → rows changed
 *   overdueOpenCount(db, scope, today) / overdueOpenPage(db, scope, today, page) / withFlags(db, rows, today)
 *   latePublishedCount(db, scope) / latePublishedPage(db, scope, page)
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import { calendarFor, countyOfUnitCode, onCalendarChanged } from '../../../core/calendar/store.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { legalFormOf } from '../domain/taxonomy.ts';
import { computeTimeliness, timelinessDeadline, type DeadlineCalendar, type WorkdayCalendar } from '../domain/timeliness.ts';
import type { DocumentStatus } from './tables.ts';

/** Statuses whose clock still runs (not yet published). */
export const OPEN_STATUSES: readonly DocumentStatus[] = ['draft', 'submitted', 'reviewed', 'scheduled'];

type CalendarOf = (county: string | null) => DeadlineCalendar | Promise<DeadlineCalendar>;

interface DeadlineRow {
  id: number;
  status: DocumentStatus;
  disclosure: string;
  written_date: string | null;
  changed_date: string | null;
  legal_form: string;
  interprets_id: number | null;
  policy_publish_date: string | null;
  unit_code: string;
  timeliness_due: string | null;
  timeliness_late_from: string | null;
}

/**
 * Recomputes the stored deadline of the given documents (null when not applicable: published,
 * not 主动公开, or no 成文日期), of the open interpretations of a policy, or of every open
 * document (after a calendar correction). Writes only rows whose dates changed.
 */
export async function refreshDeadlines(tx: DbOrTx, which: { ids: number[] } | { interpretationsOf: number } | 'open', calendarOf: CalendarOf = (county) => calendarFor(tx, county)): Promise<number> {
  let q = tx.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id').leftJoin('documents as p', 'p.id', 'd.interprets_id')
    .select(['d.id', 'd.status', 'd.disclosure', 'd.written_date', 'd.changed_date', 'd.legal_form', 'd.interprets_id', 'p.publish_date as policy_publish_date', 'u.code as unit_code', 'd.timeliness_due', 'd.timeliness_late_from']);
  if (which === 'open') q = q.where('d.status', 'in', OPEN_STATUSES).where('d.written_date', 'is not', null);
  else if ('ids' in which) {
    if (!which.ids.length) return 0;
    q = q.where('d.id', 'in', which.ids);
  } else q = q.where('d.interprets_id', '=', which.interpretationsOf).where('d.status', 'in', OPEN_STATUSES);
  const rows = (await q.execute()) as DeadlineRow[];
  const changes: [number, string | null, string | null][] = [];
  for (const r of rows) {
    let due: string | null = null;
    let late: string | null = null;
    if (OPEN_STATUSES.includes(r.status) && r.disclosure === 'proactive' && r.written_date) {
      const d = timelinessDeadline({
        writtenDate: r.written_date, changedDate: r.changed_date, isPolicy: legalFormOf(r.legal_form)?.isPolicy ?? false,
        isInterpretation: r.interprets_id !== null, policyPublishDate: r.policy_publish_date,
      }, await calendarOf(countyOfUnitCode(r.unit_code)));
      due = d.due;
      late = d.lateFrom;
    }
    if (due !== r.timeliness_due || late !== r.timeliness_late_from) changes.push([r.id, due, late]);
  }
  for (let i = 0; i < changes.length; i += 500) {
    const values = changes.slice(i, i + 500).map(([id, due, late]) => sql`(${id}::int, ${due}::date, ${late}::date)`);
    await sql`update documents as d set timeliness_due = v.due, timeliness_late_from = v.late
      from (values ${sql.join(values)}) as v(id, due, late) where d.id = v.id`.execute(tx);
  }
  return changes.length;
}

// A corrected holiday or 调休 day moves deadlines: recompute them in the calendar's transaction.
onCalendarChanged(async (tx, calendarOf) => {
  await refreshDeadlines(tx, 'open', calendarOf);
});

// --- queries ------------------------------------------------------------------------------------

export interface OverdueDbRow {
  id: number;
  title: string;
  index_no: string;
  doc_number: string | null;
  status: DocumentStatus;
  written_date: string;
  changed_date: string | null;
  legal_form: string;
  interprets_id: number | null;
  policy_publish_date: string | null;
  timeliness_due: string;
  timeliness_late_from: string;
  unit_name: string;
  unit_code: string;
}

const openLate = (db: DbOrTx, scope: string[], today: string) =>
  db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id')
    .where('d.status', 'in', OPEN_STATUSES).where('d.disclosure', '=', 'proactive')
    .where('d.timeliness_late_from', '<=', today)
    .where(inScope('u.path', scope));

/** Unpublished documents in scope already late today. */
export async function overdueOpenCount(db: DbOrTx, scope: string[], today: string): Promise<number> {
  if (!scope.length) return 0;
  return Number((await openLate(db, scope, today).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pages: number;
}

const pageOf = (total: number, page: number, perPage: number) => {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return { pages, page: Math.min(Math.max(1, Math.floor(page) || 1), pages) };
};

/** One page of them, the longest overdue first (`known`: the count, when the caller has it already). */
export async function overdueOpenPage(db: DbOrTx, scope: string[], today: string, page: number, perPage = 50, known?: number): Promise<Paged<OverdueDbRow>> {
  const total = known ?? await overdueOpenCount(db, scope, today);
  const p = pageOf(total, page, perPage);
  const rows = total ? await openLate(db, scope, today).leftJoin('documents as pol', 'pol.id', 'd.interprets_id')
    .select(['d.id', 'd.title', 'd.index_no', 'd.doc_number', 'd.status', 'd.written_date', 'd.changed_date', 'd.legal_form', 'd.interprets_id',
      'pol.publish_date as policy_publish_date', 'd.timeliness_due', 'd.timeliness_late_from', 'u.name as unit_name', 'u.code as unit_code'])
    .orderBy('d.timeliness_late_from').orderBy('d.id')
    .limit(perPage).offset((p.page - 1) * perPage).execute() as OverdueDbRow[] : [];
  return { rows, total, ...p };
}

export interface OverdueFlags {
  /** working days since 形成/变更 */
  workdays: number;
  flags: Msg[];
}

/**
 * The limits each row of one page has passed, in words. The working days are counted by the
 * county's calendar, which keeps a running count per year (core/calendar WorkCalendar.countWorkdays):
 * two look-ups per row, not a walk over the years between the oldest row and today.
 */
export async function withFlags<T extends OverdueDbRow>(db: DbOrTx, rows: T[], today: string): Promise<(T & OverdueFlags)[]> {
  if (!rows.length) return [];
  const calendars = new Map<string, WorkdayCalendar>();
  const calendarOf = async (county: string | null): Promise<WorkdayCalendar> => {
    let c = calendars.get(county ?? '');
    if (!c) calendars.set(county ?? '', (c = await calendarFor(db, county)));
    return c;
  };
  const out: (T & OverdueFlags)[] = [];
  for (const r of rows) {
    const x = computeTimeliness({
      writtenDate: r.written_date, changedDate: r.changed_date, isPolicy: legalFormOf(r.legal_form)?.isPolicy ?? false,
      isInterpretation: r.interprets_id !== null, policyPublishDate: r.policy_publish_date,
    }, await calendarOf(countyOfUnitCode(r.unit_code)), { today });
    const flags: Msg[] = [];
    if (x.art26Overdue) flags.push({ zh: '超过20个工作日', en: 'over 20 working days' });
    if (x.policyOverdue) flags.push({ zh: '政策文件超过5个工作日', en: 'policy over 5 working days' });
    if (x.interpretationLate) flags.push({ zh: '解读未同步', en: 'interpretation late' });
    out.push({ ...r, workdays: x.workdays, flags });
  }
  return out;
}

const latePublished = (db: DbOrTx, scope: string[]) =>
  db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id')
    .where('d.status', '=', 'published')
    .where((eb) => eb.or([eb('d.timeliness_art26_overdue', '=', true), eb('d.timeliness_policy_overdue', '=', true)]))
    .where(inScope('u.path', scope));

/** Published documents in scope recorded as late (timeliness stored at publication). */
export async function latePublishedCount(db: DbOrTx, scope: string[]): Promise<number> {
  if (!scope.length) return 0;
  return Number((await latePublished(db, scope).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

export interface LatePublishedRow {
  id: number;
  title: string;
  index_no: string;
  unit_name: string;
  written_date: string | null;
  publish_date: string | null;
  timeliness_workdays: number | null;
  timeliness_art26_overdue: boolean | null;
  timeliness_policy_overdue: boolean | null;
  late_reason: string | null;
}

/** One page of them, the most recently published first (documents_published_late_idx; `known`: the count). */
export async function latePublishedPage(db: DbOrTx, scope: string[], page: number, perPage = 50, known?: number): Promise<Paged<LatePublishedRow>> {
  const total = known ?? await latePublishedCount(db, scope);
  const p = pageOf(total, page, perPage);
  const rows = total ? await latePublished(db, scope)
    .select(['d.id', 'd.title', 'd.index_no', 'u.name as unit_name', 'd.written_date', 'd.publish_date', 'd.timeliness_workdays', 'd.timeliness_art26_overdue', 'd.timeliness_policy_overdue', 'd.late_reason'])
    .orderBy('d.published_at', 'desc').orderBy('d.id', 'desc')
    .limit(perPage).offset((p.page - 1) * perPage).execute() : [];
  return { rows, total, ...p };
}
