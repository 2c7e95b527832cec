/**
 * The 依申请公开 register (the staff request list) as XLSX, with the list's current filters (issue #13
 * item 6): GET /admin/requests/export.xlsx?status=&due=&q=&mine=. The rows are the list's rows, read
 * through the actor's `request.view` scope in SQL; personal data appears exactly as the list shows it
 * — the masked name and ID number stored at registration, never the encrypted originals (个人信息保护法
 * 第五十一条: access limited to what the task needs). Each export is audited (`request.export`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { xlsxBuffer } from '../../../core/docs/xlsx.ts';
import { scopePaths } from '../../../core/auth/policy.ts';
import { commandContext, viewContext } from '../../../core/http/request.ts';
import { forbidden } from '../../../core/http/errors.ts';
import { shanghaiDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { listCases } from '../store/repository.ts';
import { categoryLabel, statusLabel } from '../views/labels.ts';
import { DUE_SOON_WORKDAYS } from '../store/reminders.ts';
import type { ListQuery } from '../views/staff-views.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** At most this many rows in one export. */
export const REGISTER_MAX = 5000;

export const REGISTER_HEADER: Msg[] = [
  { zh: '编号', en: 'Ref' }, { zh: '单位', en: 'Unit' }, { zh: '申请人', en: 'Applicant' }, { zh: '申请人类型', en: 'Applicant type' },
  { zh: '证件号码', en: 'ID number' }, { zh: '所需信息', en: 'Information' }, { zh: '收到日期', en: 'Received' }, { zh: '答复期限', en: 'Due' },
  { zh: '状态', en: 'Status' }, { zh: '承办人', en: 'Handler' },
];

/** The list's filter from its query (the list page and the export read the same one). */
export function caseFilterOf(req: FastifyRequest, q: ListQuery, today: string, soonBy: string) {
  return {
    scope: scopePaths(req.actor, 'request.view'),
    status: (q.status ?? 'open') as never,
    due: q.due === 'soon' || q.due === 'overdue' ? q.due : undefined,
    q: q.q?.trim().slice(0, 60) || undefined,
    handlerId: q.mine === '1' ? req.actor!.userId : undefined,
    today, soonBy,
  } as const;
}

export function registerExportRoute(s: FastifyInstance): void {
  const { db } = s.deps;
  s.get<{ Querystring: ListQuery }>('/admin/requests/export.xlsx', async (req, reply) => {
    const today = shanghaiDate();
    const soonBy = (await calendarFor(db)).addWorkdays(today, DUE_SOON_WORKDAYS);
    const f = caseFilterOf(req, req.query, today, soonBy);
    if (!f.scope.length) throw forbidden();
    const rows = await listCases(db, { ...f, limit: REGISTER_MAX });
    const l = viewContext(req, reply).l;
    const sheet = [
      REGISTER_HEADER.map((h) => tr(l, h)),
      // the same cells as the list: masked name and ID number, the first 40 characters of the request
      ...rows.map((r) => [r.ref, r.unit_short_name, r.applicant_name_masked ?? '', tr(l, categoryLabel(r.category)), r.id_number_masked ?? '', (r.info_title ?? r.description).slice(0, 40), r.received_on ?? '', r.due_on ?? '', tr(l, statusLabel(r.status)), r.handler_name ?? '']),
    ];
    await inTransaction(db, (tx) => recordAudit(tx, commandContext(req).audit, { action: 'request.export', unitId: null, subjectType: 'request_register', subjectId: null, summary: { rows: rows.length, status: String(req.query.status ?? 'open'), due: f.due ?? '', mine: f.handlerId ? 'yes' : 'no' } }));
    const buf = await xlsxBuffer(sheet, { sheet: l === 'en' ? 'Register' : '依申请公开登记' });
    return reply.type(XLSX).header('content-disposition', 'attachment; filename="requests-register.xlsx"').header('cache-control', 'private, no-store').send(buf);
  });
}
