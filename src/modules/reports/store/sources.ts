/**
 * Adapters from the other modules' tables to the plain records the report domain counts
 * (domain/compute.ts): documents → NormativeDocRecord (table 2, 第二十条第（一）项), 依申请公开 cases and
 * their appeals → CaseRecord (tables 3 and 4), plus the facts the narrative draft quotes. The report
 * identifies units by their code (the JSON shape of annual-report.md), so every record's `unit` is the
 * unit's code. Read-only: this module never writes the documents or requests tables.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { CaseRecord, NormativeDocRecord, ResultCode, Validity } from '../domain/compute.ts';
import type { ApplicantCategory, Table4GroupCode } from '../domain/types.ts';
import type { NarrativeFacts } from '../domain/narrative.ts';
import { caseRecordsForReport } from '../../requests/store/repository.ts';
import { participationFigures, participationRef } from './participation.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';

export interface ReportUnit {
  id: number;
  code: string;
  name: string;
  short_name: string;
  type: string;
  path: string;
  slug: string;
  parent_id: number | null;
}

/** The documents module's 有效性 codes (documents/domain/taxonomy.ts VALIDITY) → the report's labels. */
export const VALIDITY_OF: Record<string, Validity> = {
  not_yet_effective: '尚未生效',
  effective: '有效',
  amended: '已修改',
  repealed: '已废止',
  expired: '失效',
};

const yearBounds = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31` });

/**
 * 规章 and 行政规范性文件 of the units, as published in the documents library. The issue date (制发) is
 * the 成文日期, else the 发布日期; `published` is the 发布日期. Documents issued after the year are left
 * out (they cannot count), and so are validity events after it.
 */
/** `onlyIds`: just these documents (summary-docs.ts reads the others grouped). */
export async function normativeDocsFor(db: DbOrTx, units: ReportUnit[], year: number, onlyIds?: number[]): Promise<NormativeDocRecord[]> {
  if (!units.length || onlyIds?.length === 0) return [];
  const { end } = yearBounds(year);
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  const docs = await db
    .selectFrom('documents')
    .select(['id', 'unit_id', 'legal_form', 'written_date', 'publish_date', 'validity', 'expiry_date', 'changed_date'])
    .where('unit_id', 'in', units.map((u) => u.id))
    .where('legal_form', 'in', ['regulation', 'normative'])
    .where('status', '=', 'published')
    .where(sql<boolean>`coalesce(written_date, publish_date) <= ${end}`)
    .$if(!!onlyIds, (q) => q.where('id', 'in', onlyIds!))
    .execute();
  if (!docs.length) return [];
  // The same filter as a join, not a list of thousands of document ids.
  const events = await db
    .selectFrom('validity_events as e')
    .innerJoin('documents as d', 'd.id', 'e.document_id')
    .select(['e.document_id', 'e.date', 'e.validity'])
    .where('d.unit_id', 'in', units.map((u) => u.id))
    .where('d.legal_form', 'in', ['regulation', 'normative'])
    .where('d.status', '=', 'published')
    .where('e.date', '<=', end)
    .$if(!!onlyIds, (q) => q.where('d.id', 'in', onlyIds!))
    .orderBy('e.document_id')
    .orderBy('e.date')
    .orderBy('e.id')
    .execute();
  const byDoc = new Map<number, NormativeDocRecord['events']>();
  for (const e of events) {
    const v = VALIDITY_OF[e.validity];
    if (v) (byDoc.get(e.document_id) ?? byDoc.set(e.document_id, []).get(e.document_id)!).push({ date: e.date, validity: v });
  }
  return docs.map((d) => {
    const issued = (d.written_date ?? d.publish_date)!;
    let evs = byDoc.get(d.id) ?? [];
    // A document whose history was never recorded as events still says what it is now; date the
    // change by the column that carries it, so a repeal or expiry is not silently lost.
    if (!evs.length && d.validity && d.validity !== 'effective') {
      const when = d.validity === 'expired' ? d.expiry_date : d.validity === 'not_yet_effective' ? issued : d.changed_date;
      if (when && when <= end && VALIDITY_OF[d.validity]) evs = [{ date: when, validity: VALIDITY_OF[d.validity] }];
    }
    return {
      id: String(d.id),
      unit: codeOf.get(d.unit_id)!,
      kind: d.legal_form === 'regulation' ? 'regulation' : 'normative',
      issued,
      ...(d.publish_date ? { published: d.publish_date } : {}),
      events: evs,
    };
  });
}

/**
 * The cases (with their appeals) that can count in the year's tables 3 and 4, from the requests
 * module: received (条例 第三十一条) by 31 December, not transferred away; unit = the unit's code.
 */
export async function casesFor(db: DbOrTx, units: ReportUnit[], year: number): Promise<CaseRecord[]> {
  if (!units.length) return [];
  return caseRecordsForReport(db, units.map((u) => u.id), year);
}

export interface CaseDetail {
  id: string;
  unitId: number;
  ref: string;
  category: ApplicantCategory | string;
  received: string | null;
  concluded: string | null;
  result: ResultCode | null;
  status: string;
  appeals: { kind: Table4GroupCode; outcome: string; filed: string | null; decided: string | null }[];
}

/** The rows behind a drill-down list of cases. */
export async function caseDetails(db: DbOrTx, ids: string[]): Promise<CaseDetail[]> {
  const nums = ids.map(Number).filter((n) => Number.isSafeInteger(n));
  if (!nums.length) return [];
  const rows = await db
    .selectFrom('request_cases')
    .select(['id', 'unit_id', 'ref', 'category', 'received_on', 'concluded_on', 'result_row', 'status'])
    .where('id', 'in', nums)
    .orderBy('received_on')
    .orderBy('id')
    .execute();
  const appeals = await db.selectFrom('request_appeals').select(['case_id', 'kind', 'outcome', 'filed_on', 'decided_on']).where('case_id', 'in', nums).orderBy('id').execute();
  return rows.map((r) => ({
    id: String(r.id),
    unitId: r.unit_id,
    ref: r.ref,
    category: r.category,
    received: r.received_on,
    concluded: r.concluded_on,
    result: r.result_row as ResultCode | null,
    status: r.status,
    appeals: appeals.filter((a) => a.case_id === r.id).map((a) => ({ kind: a.kind, outcome: a.outcome, filed: a.filed_on, decided: a.decided_on })),
  }));
}

export interface DocDetail {
  id: string;
  unitId: number;
  title: string;
  docNumber: string | null;
  legalForm: string;
  issued: string | null;
  published: string | null;
  validity: string | null;
}

export async function docDetails(db: DbOrTx, ids: string[]): Promise<DocDetail[]> {
  const nums = ids.map(Number).filter((n) => Number.isSafeInteger(n));
  if (!nums.length) return [];
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'unit_id', 'title', 'doc_number', 'legal_form', 'written_date', 'publish_date', 'validity'])
    .where('id', 'in', nums)
    .orderBy('publish_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: String(r.id), unitId: r.unit_id, title: r.title, docNumber: r.doc_number, legalForm: r.legal_form, issued: r.written_date ?? r.publish_date, published: r.publish_date, validity: r.validity }));
}

/**
 * What the narrative draft can say from the platform's own data (part 一 主动公开 and 监督保障, part 六
 * 信息处理费): documents published in the year, of them policy documents and 解读; the press conferences
 * and online interviews held (ended) in the year; the trainings the units organised in the year and
 * their attendance; fee notices of the year's cases (国办函〔2020〕109号). Everything else stays a
 * placeholder for the unit to write.
 */
export async function narrativeFactsFor(db: DbOrTx, units: ReportUnit[], year: number): Promise<Pick<NarrativeFacts, 'proactive' | 'fees' | 'participation' | 'supervision'>> {
  if (!units.length) return {};
  const { start, end } = yearBounds(year);
  const ids = units.map((u) => u.id);
  const docs = await db
    .selectFrom('documents')
    .select([
      sql<number>`count(*)`.as('published'),
      sql<number>`count(*) filter (where legal_form in ('regulation', 'normative', 'other_policy'))`.as('policies'),
      sql<number>`count(*) filter (where interprets_id is not null)`.as('interpretations'),
    ])
    .where('unit_id', 'in', ids)
    .where('status', '=', 'published')
    .where('disclosure', '=', 'proactive')
    .where('publish_date', '>=', start)
    .where('publish_date', '<=', end)
    .executeTakeFirst();
  // Fee notices sent in the year, the amount notified, and what was paid (the amount of the notice
  // the payment answers). Amounts are summed as numeric in SQL and returned as text: no float money.
  const fees = await sql<{ notices: number; notified: string | null; collected: string | null }>`
    with n as (
      select e.case_id, e.date, (e.data->>'amountYuan')::numeric as amount
      from request_events e join request_cases c on c.id = e.case_id
      where c.unit_id in (${sql.join(ids)}) and e.type = 'send_fee_notice'
    ), p as (
      select e.case_id, e.date from request_events e join request_cases c on c.id = e.case_id
      where c.unit_id in (${sql.join(ids)}) and e.type = 'record_fee_paid' and e.date between ${start} and ${end}
    )
    select
      (select count(*) from n where n.date between ${start} and ${end})::int as notices,
      (select round(coalesce(sum(amount), 0), 2)::text from n where n.date between ${start} and ${end}) as notified,
      (select round(coalesce(sum((select n.amount from n where n.case_id = p.case_id and n.date <= p.date order by n.date desc limit 1)), 0), 2)::text from p) as collected
  `.execute(db);
  const f = fees.rows[0];
  const events = await db
    .selectFrom('interviews')
    .select([sql<number>`count(*) filter (where kind = 'press')`.as('press'), sql<number>`count(*) filter (where kind = 'interview')`.as('interviews')])
    .where('unit_id', 'in', ids)
    .where('status', '=', 'ended')
    .where(sql<boolean>`(starts_at at time zone 'Asia/Shanghai')::date between ${start} and ${end}`)
    .executeTakeFirst();
  const training = await db
    .selectFrom('trainings as t')
    .select([sql<number>`count(*)`.as('sessions'), sql<number>`coalesce(sum((select count(*) from training_attendance a where a.training_id = t.id)), 0)`.as('people')])
    .where('t.unit_id', 'in', ids)
    .where('t.held_on', '>=', start)
    .where('t.held_on', '<=', end)
    .executeTakeFirst();
  const part = (await participationFigures(db, { year, ref: participationRef(year, shanghaiDate()), unitIds: ids })).total;
  return {
    participation: { messagesValid: part.valid, answerRate: part.answerRate, onTimeRate: part.onTimeRate, consultationsClosed: part.consultationsClosed, consultationsWithFeedback: part.consultationsWithFeedback },
    proactive: {
      documentsPublished: Number(docs?.published ?? 0), policyDocuments: Number(docs?.policies ?? 0), interpretations: Number(docs?.interpretations ?? 0),
      pressConferences: Number(events?.press ?? 0), onlineInterviews: Number(events?.interviews ?? 0),
    },
    supervision: { trainingSessions: Number(training?.sessions ?? 0), trainedPeople: Number(training?.people ?? 0) },
    fees: { notices: Number(f?.notices ?? 0), notifiedYuan: trimMoney(f?.notified ?? '0'), collectedYuan: trimMoney(f?.collected ?? '0') },
  };
}

/** numeric text → at most 2 places (元), as the narrative's decimal helpers expect. */
function trimMoney(s: string): string {
  const [i, f = ''] = s.split('.');
  const frac = f.slice(0, 2).replace(/0+$/, '');
  return frac ? `${i}.${frac}` : i;
}
