/**
 * The cross-case register of 行政复议 and 行政诉讼 (#14.4): `/admin/requests/appeals` lists every appeal
 * of the cases the user may see (request.view, filtered by unit path in SQL), one row per appeal
 * (filed → outcome), filterable by state, kind and year, each linking to its case; `.csv` exports the
 * same rows. "Year" selects the appeals that year's table 4 counts (条例 第五十条第三项; reports/domain/
 * compute.ts): decided in the year, or filed by its 31 December and undecided then (filing date: the
 * appeal's, else the case's conclusion, else its receipt).
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { renderHtml, t, type ViewContext } from '../../../core/render/page.tsx';
import { viewContext } from '../../../core/http/request.ts';
import { forbidden } from '../../../core/http/errors.ts';
import { scopePaths } from '../../../core/auth/policy.ts';
import { formatDate, tr, type Locale } from '../../../core/render/i18n.ts';
import type { DbOrTx } from '../../../core/db/index.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { BOM, csvRow } from '../../audit/domain/csv.ts';
import { APPEAL_KIND_LABELS, APPEAL_KINDS, APPEAL_OUTCOME_LABELS, type AppealKind, type AppealOutcome } from '../store/supervision.ts';

export interface RegisterQuery {
  state?: string;
  kind?: string;
  year?: string;
}

export interface RegisterRow {
  id: number;
  case_id: number;
  ref: string;
  unit_name: string;
  kind: AppealKind;
  outcome: AppealOutcome;
  filed_on: string | null;
  decided_on: string | null;
  body: string | null;
  note: string | null;
}

export const REGISTER_LIMIT = 1000;

export async function appealRegister(db: DbOrTx, scope: readonly string[], q: RegisterQuery): Promise<RegisterRow[]> {
  if (!scope.length) return [];
  let query = db
    .selectFrom('request_appeals as a')
    .innerJoin('request_cases as c', 'c.id', 'a.case_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['a.id', 'a.case_id', 'c.ref', 'u.name as unit_name', 'a.kind', 'a.outcome', 'a.filed_on', 'a.decided_on', 'a.body', 'a.note'])
    .where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  if (q.state === 'pending') query = query.where('a.outcome', '=', 'pending');
  else if (q.state === 'decided') query = query.where('a.outcome', '<>', 'pending');
  if (q.kind && (APPEAL_KINDS as readonly string[]).includes(q.kind)) query = query.where('a.kind', '=', q.kind as AppealKind);
  const year = /^\d{4}$/.test(q.year ?? '') ? Number(q.year) : null;
  if (year) {
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    query = query.where(sql<boolean>`(
      (a.outcome <> 'pending' and a.decided_on between ${start} and ${end})
      or (coalesce(a.filed_on, c.concluded_on, c.received_on) <= ${end} and (a.outcome = 'pending' or a.decided_on > ${end})))`);
  }
  return query.orderBy('a.filed_on', 'desc').orderBy('a.id', 'desc').limit(REGISTER_LIMIT).execute();
}

const STATES: [string, { zh: string; en: string }][] = [['', { zh: '全部', en: 'All' }], ['pending', { zh: '尚未审结', en: 'Pending' }], ['decided', { zh: '已有结果', en: 'Decided' }]];

function qs(q: RegisterQuery): string {
  const p = new URLSearchParams();
  for (const k of ['state', 'kind', 'year'] as const) if (q[k]) p.set(k, q[k]!);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function AppealRegisterPage(p: { c: ViewContext; rows: RegisterRow[]; q: RegisterQuery }) {
  const { c, q } = p;
  const T = t(c);
  const title = T({ zh: '行政复议和行政诉讼登记簿', en: 'Register of reconsiderations and lawsuits' });
  return (
    <AdminPage c={c} title={title} current="requests" crumbs={[{ href: '/admin/requests', label: T({ zh: '依申请公开', en: 'Applications' }) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '每件复议或诉讼一条记录：提起时登记，有结果后在原记录上更新；年度报告表四按每件的当前状态统计一次。选择年度时，列出该年度表四统计的记录。', en: 'One row per appeal: recorded when filed, updated with its outcome; table 4 counts each once by its current state. A year lists the appeals that year\'s table 4 counts.' })}</p>
      <form method="get" action="/admin/requests/appeals" class="filters">
        <label for="f-state">{T({ zh: '状态', en: 'State' })}</label>
        <select id="f-state" name="state">{STATES.map(([v, l]) => <option value={v} selected={(q.state ?? '') === v}>{T(l)}</option>)}</select>
        <label for="f-kind">{T({ zh: '类别', en: 'Kind' })}</label>
        <select id="f-kind" name="kind"><option value="">{T({ zh: '全部', en: 'All' })}</option>{APPEAL_KINDS.map((k) => <option value={k} selected={q.kind === k}>{T(APPEAL_KIND_LABELS[k])}</option>)}</select>
        <label for="f-year">{T({ zh: '年度', en: 'Year' })}</label>
        <input id="f-year" name="year" inputMode="numeric" pattern="[0-9]{4}" size={6} value={q.year ?? ''} />
        <button type="submit">{T({ zh: '筛选', en: 'Filter' })}</button>
      </form>
      <p><a href={`/admin/requests/appeals.csv${qs(q)}`}>{T({ zh: '导出CSV', en: 'Export CSV' })}</a></p>
      {p.rows.length ? (
        <div class="table-scroll"><table class="data">
          <caption class="sr-only">{title}</caption>
          <thead><tr>
            <th scope="col">{T({ zh: '申请编号', en: 'Case' })}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '类别', en: 'Kind' })}</th>
            <th scope="col">{T({ zh: '结果', en: 'Outcome' })}</th><th scope="col">{T({ zh: '提起日期', en: 'Filed' })}</th><th scope="col">{T({ zh: '决定日期', en: 'Decided' })}</th>
            <th scope="col">{T({ zh: '复议机关或法院', en: 'Organ or court' })}</th>
          </tr></thead>
          <tbody>{p.rows.map((r) => (
            <tr>
              <td><a href={`/admin/requests/${r.case_id}`}>{r.ref}</a></td><td>{r.unit_name}</td><td>{T(APPEAL_KIND_LABELS[r.kind])}</td>
              <td>{r.outcome === 'pending' ? <span class="badge amber">{T(APPEAL_OUTCOME_LABELS[r.outcome])}</span> : T(APPEAL_OUTCOME_LABELS[r.outcome])}</td>
              <td>{formatDate(c.l, r.filed_on)}</td><td>{formatDate(c.l, r.decided_on)}</td><td>{r.body}</td>
            </tr>
          ))}</tbody>
        </table></div>
      ) : <p>{T({ zh: '没有符合条件的记录。', en: 'No appeals match.' })}</p>}
    </AdminPage>
  );
}

export function registerCsv(l: Locale, rows: RegisterRow[]): string {
  const head = [
    { zh: '申请编号', en: 'Case' }, { zh: '单位', en: 'Unit' }, { zh: '类别', en: 'Kind' }, { zh: '结果', en: 'Outcome' },
    { zh: '提起日期', en: 'Filed' }, { zh: '决定日期', en: 'Decided' }, { zh: '复议机关或法院', en: 'Organ or court' }, { zh: '备注', en: 'Note' },
  ];
  return BOM + csvRow(head.map((h) => tr(l, h))) + rows.map((r) => csvRow([
    r.ref, r.unit_name, tr(l, APPEAL_KIND_LABELS[r.kind]), tr(l, APPEAL_OUTCOME_LABELS[r.outcome]), r.filed_on ?? '', r.decided_on ?? '', r.body ?? '', r.note ?? '',
  ])).join('');
}

export default async function appealRegisterRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  await adminRoutes(app, (s) => {
    s.get<{ Querystring: RegisterQuery }>('/admin/requests/appeals', async (req, reply) => {
      const scope = scopePaths(req.actor, 'request.view');
      if (!scope.length) throw forbidden();
      const rows = await appealRegister(db, scope, req.query);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderHtml(AppealRegisterPage({ c: viewContext(req, reply), rows, q: req.query })));
    });
    s.get<{ Querystring: RegisterQuery }>('/admin/requests/appeals.csv', async (req, reply) => {
      const scope = scopePaths(req.actor, 'request.view');
      if (!scope.length) throw forbidden();
      const rows = await appealRegister(db, scope, req.query);
      const c = viewContext(req, reply);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="appeals-${new Date().toISOString().slice(0, 10)}.csv"`)
        .header('cache-control', 'no-store')
        .send(registerCsv(c.l, rows));
    });
  });
}
